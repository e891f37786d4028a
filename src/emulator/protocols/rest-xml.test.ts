import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Incoming } from '../incoming.js'
import { S3_NAMESPACE, s3Address, s3XmlElement } from './rest-xml.js'
import { xmlBuilder } from './xml.js'

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

describe('S3 XML written directly', () => {
  const names = fc.constantFrom('Bucket', 'Name', 'Contents', 'Key', 'Grant', 'Grantee', 'ID', 'a', 'x-y', 'Owner')
  const text = fc.oneof(fc.string(), fc.constantFrom('', '&', '<a>', '"q"', "'", 'a&b<c>d"e\'f', '\u00e9\u{1F600}', ' lead', 'trail '))
  const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: false }), fc.boolean())
  const attrName = fc.constantFrom('@_xmlns', '@_xmlns:xsi', '@_xsi:type', '@_id')
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.constantFrom(null, undefined, new Date(0)),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(fc.oneof(names, attrName, fc.constant('#text')), fc.oneof(tie('node'), scalar, fc.constantFrom(undefined, true)), { maxKeys: 4 }),
    ),
  })).node

  it('gives the builder’s bytes whenever it writes (and writes the shapes S3 handlers build)', () => {
    let written = 0
    fc.assert(
      fc.property(names, value, (name, v) => {
        const direct = s3XmlElement(name, v)
        if (direct === undefined) return
        written++
        expect(direct).toBe(xmlBuilder.build({ [name]: v }) as string)
      }),
      { numRuns: 3000 },
    )
    // Not vacuous: most random bodies take the direct path.
    expect(written).toBeGreaterThan(1000)
  })

  it('writes what S3 handlers build, byte for byte as the builder', () => {
    const bodies: Array<[string, Record<string, unknown>]> = [
      ['ListAllMyBucketsResult', { '@_xmlns': S3_NAMESPACE, Owner: { ID: 'abc', DisplayName: 'me' }, Buckets: { Bucket: [{ Name: 'a&b', CreationDate: '2025-01-01T00:00:00.000Z' }, { Name: 'c', CreationDate: '2025-01-02T00:00:00.000Z' }] } }],
      ['ListAllMyBucketsResult', { '@_xmlns': S3_NAMESPACE, Owner: { ID: 'abc' }, Buckets: {} }],
      ['LocationConstraint', { '@_xmlns': S3_NAMESPACE, '#text': 'eu-west-1' }],
      ['LocationConstraint', { '@_xmlns': S3_NAMESPACE }],
      ['AccessControlPolicy', { '@_xmlns': S3_NAMESPACE, AccessControlList: { Grant: [{ Grantee: { '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', '@_xsi:type': 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] } }],
      ['ListBucketResult', { '@_xmlns': S3_NAMESPACE, Name: 'b', Prefix: '', KeyCount: 2, MaxKeys: 1000, IsTruncated: false, Contents: [{ Key: 'a "b" <c>', Size: 0, ETag: '"d41d8cd98f00b204e9800998ecf8427e"' }] }],
      ['Error', { Code: 'NoSuchKey', Message: "The specified key doesn't exist.", Key: 'k', RequestId: 'r', HostId: 'h' }],
    ]
    for (const [root, body] of bodies) {
      const direct = s3XmlElement(root, body)
      expect(direct, root).toBeDefined()
      expect(direct).toBe(xmlBuilder.build({ [root]: body }) as string)
    }
  })
})
