import { describe, expect, it } from 'vitest'
import { isValidBucketName } from './naming.js'

describe('S3 bucket naming rules', () => {
  it.each(['abc', 'my-bucket', 'my.bucket.2', 'a'.repeat(63), '1bucket'])('accepts %s', (name) => {
    expect(isValidBucketName(name)).toBe(true)
  })
  it.each([
    ['ab', 'too short'],
    ['a'.repeat(64), 'too long'],
    ['MyBucket', 'upper case'],
    ['my_bucket', 'underscore'],
    ['-bucket', 'starts with hyphen'],
    ['bucket-', 'ends with hyphen'],
    ['my..bucket', 'adjacent periods'],
    ['192.168.5.4', 'IPv4 address'],
    ['xn--bucket', 'reserved prefix xn--'],
    ['amzn-s3-demo-bucket', 'reserved prefix amzn-s3-demo-'],
    ['bucket-s3alias', 'reserved suffix'],
    ['bucket--x-s3', 'reserved suffix --x-s3'],
  ])('rejects %s (%s)', (name) => {
    expect(isValidBucketName(name)).toBe(false)
  })
})
