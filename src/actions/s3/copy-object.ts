import type { CopyObjectCommandInput, CopyObjectCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { undoCall } from '../outcome.js'
import { bool, obj, outputSchema, str, timestamp, timestampInput, withDates } from '../schema.js'
import type { WithTimestamps } from '../schema.js'
import * as f from './fields.js'

const timestamps = ['CopySourceIfModifiedSince', 'CopySourceIfUnmodifiedSince', 'Expires', 'ObjectLockRetainUntilDate'] as const
type Input = WithTimestamps<CopyObjectCommandInput, (typeof timestamps)[number]>

/**
 * `s3.copyObject`: copy an object (server-side) to a key of a bucket.
 * Undone by `s3.deleteObject` of the copy; in a versioned bucket, of exactly the version written.
 * Copying onto an existing key replaces it, and the undo deletes it (as for s3.putObject).
 */
export const copyObject = defineAction<Input, CopyObjectCommandOutput>({
  name: 's3.copyObject',
  service: 's3',
  command: 'CopyObjectCommand',
  description: 'Copy an object (server-side) to a key of a bucket.',
  input: modelInput('s3', 'CopyObject', {
    describe: {
      Key: 'Key (name) of the copy.',
      CopySource: 'The object to copy: source-bucket/key, URL-encoded (?versionId=... for one version).',
      CopySourceIfMatch: 'Copy only if the source ETag matches (else 412).',
      CopySourceIfModifiedSince: 'Copy only if the source was modified since then (else 412). ISO-8601, e.g. 2030-01-01T00:00:00Z.',
      CopySourceIfNoneMatch: 'Copy only if the source ETag differs (else 412).',
      CopySourceIfUnmodifiedSince: 'Copy only if the source was not modified since then (else 412). ISO-8601, e.g. 2030-01-01T00:00:00Z.',
      CopySourceSSECustomerAlgorithm: 'SSE-C algorithm of the source (AES256).',
      CopySourceSSECustomerKey: 'SSE-C key of the source, base64.',
      CopySourceSSECustomerKeyMD5: 'Base64 MD5 of the source SSE-C key.',
      ChecksumAlgorithm: 'Checksum algorithm for the copy.',
      IfMatch: 'Copy only if the ETag of the object at the target key matches (else 412).',
      IfNoneMatch: 'Copy only if no object exists at the target key (*; else 412).',
      MetadataDirective: 'COPY (default): keep the source metadata; REPLACE: use the metadata of this request.',
      TaggingDirective: 'COPY (default): keep the source tags; REPLACE: use Tagging of this request.',
      ExpectedSourceBucketOwner: 'Account ID expected to own the source bucket (else 403).',
    },
    override: {
      // The model's members as the SDK takes them: a bucket name cannot be empty in a URI.
      Bucket: { ...f.bucket, description: 'Bucket to copy into.' },
      // The model says string; the SDK takes a Date (see withDates below).
      Expires: timestampInput('When the copy stops being cacheable (Expires header).'),
    },
    sdkOnly: {
      AnnotationDirective: { type: 'string', enum: ['COPY', 'EXCLUDE'], description: 'COPY (default): keep the source annotations; EXCLUDE: leave them out.' },
      ObjectLockEventHold: { type: 'string', enum: ['ON', 'OFF'], description: 'Place an event-based Object Lock hold on the copy.' },
      ObjectLockEventHoldDurationDays: { type: 'integer', description: 'Retention in days once the event hold is released.' },
      ObjectLockEventHoldDurationYears: { type: 'integer', description: 'Retention in years once the event hold is released.' },
    },
    examples: { CopySource: 'iamflow-demo-bucket/notes/a.txt' },
  }),
  output: outputSchema({
    CopyObjectResult: obj({ ETag: str, LastModified: timestamp, ...f.checksumOutput }),
    Expiration: str,
    CopySourceVersionId: str,
    VersionId: str,
    ServerSideEncryption: str,
    SSECustomerAlgorithm: str,
    SSECustomerKeyMD5: str,
    SSEKMSKeyId: str,
    SSEKMSEncryptionContext: str,
    BucketKeyEnabled: bool,
    RequestCharged: str,
  }),
  creates: true,
  // An object changes no one's permissions.
  changes: [],
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'CopyObject', withDates(input, timestamps), ctx.signal)
  },
  // Bucket and Key name the copy.
  recover: 'from-input',
  dependents: 'none',
  // The run's tags go on IAM resources only (cleanup --by-tag sweeps users, roles and policies).
  taggable: false,
  undoActions: ['s3.deleteObject'],
  undo: (input, output) => undoCall('s3.deleteObject', { Bucket: input.Bucket, Key: input.Key, VersionId: output.VersionId }),
})
