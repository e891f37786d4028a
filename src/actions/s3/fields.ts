import type { JsonSchema } from '../define-action.js'
import { bool, int, map, str, timestamp } from '../schema.js'

/**
 * What S3 actions add to the model (src/aws-model/): bucket-name rules the model does not
 * carry, and output groups. S3's model has few input constraints; AWS's bucket naming rules are
 * applied where a bucket is created.
 */

/** An existing bucket's name. */
export const bucket: JsonSchema = { type: 'string', minLength: 1, description: 'Name of the bucket.' }
/** A new bucket's name, with AWS's general-purpose bucket naming rules. */
export const newBucket: JsonSchema = {
  type: 'string',
  minLength: 3,
  maxLength: 63,
  pattern: '^[a-z0-9][a-z0-9.-]*[a-z0-9]$',
  description: 'Name of the new bucket: 3..63 lowercase letters, digits, dots and hyphens, unique across all of AWS.',
}

const checksumAlgorithms = ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME', 'SHA512', 'MD5', 'XXHASH64', 'XXHASH3', 'XXHASH128']

/** Checksums returned with an object. */
export const checksumOutput: Record<string, JsonSchema> = {
  ...Object.fromEntries(checksumAlgorithms.map((a) => [`Checksum${a}`, str])),
  ChecksumType: str,
}

/** Timestamp members of GetObject and HeadObject (ISO-8601 in a scenario, sent as `Date`s). */
export const readTimestamps = ['IfModifiedSince', 'IfUnmodifiedSince', 'ResponseExpires'] as const

/** Metadata members GetObject and HeadObject return about an object. */
export const objectMetadataOutput: Record<string, JsonSchema> = {
  DeleteMarker: bool,
  AcceptRanges: str,
  Expiration: str,
  Restore: str,
  LastModified: timestamp,
  ContentLength: int,
  ETag: str,
  ...checksumOutput,
  MissingMeta: int,
  VersionId: str,
  CacheControl: str,
  ContentDisposition: str,
  ContentEncoding: str,
  ContentLanguage: str,
  ContentRange: str,
  ContentType: str,
  Expires: timestamp,
  ExpiresString: str,
  WebsiteRedirectLocation: str,
  ServerSideEncryption: str,
  Metadata: map(str),
  SSECustomerAlgorithm: str,
  SSECustomerKeyMD5: str,
  SSEKMSKeyId: str,
  BucketKeyEnabled: bool,
  StorageClass: str,
  RequestCharged: str,
  ReplicationStatus: str,
  PartsCount: int,
  TagCount: int,
  ObjectLockMode: str,
  ObjectLockRetainUntilDate: timestamp,
  ObjectLockLegalHoldStatus: str,
  ObjectLockEventHold: str,
  ObjectLockEventHoldDurationDays: int,
  ObjectLockEventHoldDurationYears: int,
}
