import type { PutObjectCommandInput, PutObjectCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { bool, int, outputSchema, str, timestampInput, withDates } from '../schema.js'
import type { WithTimestamps } from '../schema.js'
import { undoCall } from '../outcome.js'
import * as f from './fields.js'

type Input = WithTimestamps<Omit<PutObjectCommandInput, 'Body'>, 'Expires' | 'ObjectLockRetainUntilDate'> & { Body?: string }

/**
 * `s3.putObject`: upload an object (Body as text).
 * Undone by `s3.deleteObject`.
 * In a versioned bucket the undo deletes exactly the version this call wrote.
 */
export const putObject = defineAction<Input, PutObjectCommandOutput>({
  name: 's3.putObject',
  service: 's3',
  command: 'PutObjectCommand',
  description: 'Upload an object (Body as text).',
  input: modelInput('s3', 'PutObject', {
    describe: {
      Body: 'Content of the object, as text.',
      ContentLength: 'Size of the body in bytes.',
      ContentMD5: 'The Base64 encoded 128-bit MD5 digest of the message (without the headers) according to RFC 1864.',
      ChecksumAlgorithm: 'Checksum algorithm the SDK uses for the body.',
      ChecksumCRC32: 'Base64 CRC32 checksum of the body.',
      ChecksumCRC32C: 'Base64 CRC32C checksum of the body.',
      ChecksumSHA1: 'Base64 SHA1 checksum of the body.',
      ChecksumSHA256: 'Base64 SHA256 checksum of the body.',
      ChecksumCRC64NVME: 'Base64 CRC64NVME checksum of the body.',
      ChecksumSHA512: 'Base64 SHA512 checksum of the body.',
      ChecksumMD5: 'Base64 MD5 checksum of the body.',
      ChecksumXXHASH64: 'Base64 XXHASH64 checksum of the body.',
      ChecksumXXHASH3: 'Base64 XXHASH3 checksum of the body.',
      ChecksumXXHASH128: 'Base64 XXHASH128 checksum of the body.',
      IfMatch: 'Uploads the object only if the ETag (entity tag) value provided during the WRITE operation matches the ETag of the object in S3.',
      IfNoneMatch: 'Uploads the object only if the object key name does not already exist in the bucket specified.',
      WriteOffsetBytes: 'Specifies the offset for appending data to existing objects in bytes.',
    },
    override: {
      Bucket: f.bucket,
      Expires: timestampInput('When the object stops being cacheable (Expires header).'),
    },
    sdkOnly: {
      ObjectLockEventHold: { type: 'string', enum: ['ON', 'OFF'], description: 'Place an event-based Object Lock hold on the object.' },
      ObjectLockEventHoldDurationDays: { type: 'integer', description: 'Retention in days once the event hold is released.' },
      ObjectLockEventHoldDurationYears: { type: 'integer', description: 'Retention in years once the event hold is released.' },
    },
  }),
  output: outputSchema({
    Expiration: str,
    ...f.checksumOutput,
    ETag: str,
    ServerSideEncryption: str,
    VersionId: str,
    SSECustomerAlgorithm: str,
    SSECustomerKeyMD5: str,
    SSEKMSKeyId: str,
    SSEKMSEncryptionContext: str,
    BucketKeyEnabled: bool,
    Size: int,
    RequestCharged: str,
  }),
  creates: true,
  changes: [],
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'PutObject', withDates(input, ['Expires', 'ObjectLockRetainUntilDate']), ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['s3.deleteObject'],
  undo: (input, output) => undoCall('s3.deleteObject', { Bucket: input.Bucket, Key: input.Key, VersionId: output.VersionId }),
})
