import { describe, expect, it } from 'vitest'
import type { Incoming } from '../incoming.js'
import { s3Address } from './rest-xml.js'

function inc(host: string, rawPath: string): Incoming {
  return { method: 'GET', rawPath, query: [], headers: new Headers(), body: new Uint8Array(), host, secure: false, now: 0 }
}

describe('S3 addressing', () => {
  it.each([
    ['localhost:4566', '/', {}, 'path'],
    ['localhost:4566', '/bucket', { bucket: 'bucket' }, 'path'],
    ['localhost:4566', '/bucket/', { bucket: 'bucket' }, 'path'],
    ['127.0.0.1:4566', '/bucket/a/b%20c.txt', { bucket: 'bucket', key: 'a/b c.txt' }, 'path'],
    ['bucket.localhost:4566', '/a/b.txt', { bucket: 'bucket', key: 'a/b.txt' }, 'virtual'],
    ['my.dotted.bucket.localhost', '/', { bucket: 'my.dotted.bucket' }, 'virtual'],
    ['bucket.s3.amazonaws.com', '/k', { bucket: 'bucket', key: 'k' }, 'virtual'],
    ['bucket.s3.eu-west-1.amazonaws.com', '/k', { bucket: 'bucket', key: 'k' }, 'virtual'],
    ['bucket.s3-eu-west-1.amazonaws.com', '/', { bucket: 'bucket' }, 'virtual'],
    ['s3.amazonaws.com', '/bucket/k', { bucket: 'bucket', key: 'k' }, 'path'],
    ['s3.us-east-1.amazonaws.com', '/bucket/a//b', { bucket: 'bucket', key: 'a//b' }, 'path'],
  ])('%s%s', (host, path, expected, style) => {
    expect(s3Address(inc(host, path))).toEqual({ ...expected, style })
  })
})
