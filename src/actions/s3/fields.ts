import type { JsonSchema } from '../define-action.js'
import { bool, int, map, str, timestamp, timestampInput } from '../schema.js'

/**
 * S3 input member fragments and groups (botocore `s3/2006-03-01`, plus members only the
 * installed SDK knows). S3's model carries few constraints; AWS's bucket naming rules are
 * applied where a bucket is created.
 */

const text = (description: string): JsonSchema => ({ type: 'string', description })

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
export const key: JsonSchema = { type: 'string', minLength: 1, description: 'Key (name) of the object.' }
export const expectedBucketOwner = text('Account ID expected to own the bucket (the call fails with 403 when another account owns it).')
export const requestPayer: JsonSchema = { type: 'string', enum: ['requester'], description: 'Set to requester when the bucket is Requester Pays.' }
export const versionId = text('Version of the object (versioned buckets).')

const checksumAlgorithms = ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME', 'SHA512', 'MD5', 'XXHASH64', 'XXHASH3', 'XXHASH128']

/** Checksums a writer may send (base64 digests of the body; the SDK computes one when none is given). */
export const checksumInput: Record<string, JsonSchema> = {
  ChecksumAlgorithm: { type: 'string', enum: checksumAlgorithms, description: 'Checksum algorithm the SDK uses for the body.' },
  ...Object.fromEntries(checksumAlgorithms.map((a) => [`Checksum${a}`, text(`Base64 ${a} checksum of the body.`)])),
}

/** Checksums returned with an object. */
export const checksumOutput: Record<string, JsonSchema> = {
  ...Object.fromEntries(checksumAlgorithms.map((a) => [`Checksum${a}`, str])),
  ChecksumType: str,
}

/** Server-side encryption with a customer-provided key (SSE-C). */
export const sseCustomer: Record<string, JsonSchema> = {
  SSECustomerAlgorithm: text('SSE-C algorithm (AES256).'),
  SSECustomerKey: text('SSE-C key, base64.'),
  SSECustomerKeyMD5: text('Base64 MD5 of the SSE-C key.'),
}

/** Conditional read headers (GetObject, HeadObject). */
export const readConditions: Record<string, JsonSchema> = {
  IfMatch: text('Succeed only if the ETag matches (else 412).'),
  IfModifiedSince: timestampInput('Succeed only if modified since then (else 304).'),
  IfNoneMatch: text('Succeed only if the ETag differs (else 304).'),
  IfUnmodifiedSince: timestampInput('Succeed only if not modified since then (else 412).'),
}

/** Timestamp members of `readConditions` and `responseOverrides` (sent as `Date`s). */
export const readTimestamps = ['IfModifiedSince', 'IfUnmodifiedSince', 'ResponseExpires'] as const

/** Response header overrides (GetObject, HeadObject). */
export const responseOverrides: Record<string, JsonSchema> = {
  ResponseCacheControl: text('Cache-Control header of the response.'),
  ResponseContentDisposition: text('Content-Disposition header of the response.'),
  ResponseContentEncoding: text('Content-Encoding header of the response.'),
  ResponseContentLanguage: text('Content-Language header of the response.'),
  ResponseContentType: text('Content-Type header of the response.'),
  ResponseExpires: timestampInput('Expires header of the response.'),
}

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
