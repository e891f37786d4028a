import type { PutObjectCommandInput, PutObjectCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { bool, inputSchema, int, outputSchema, str, timestampInput, withDates } from '../schema.js'
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
  input: inputSchema(
    {
      ACL: {
        type: 'string',
        enum: ['private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'bucket-owner-full-control'],
        description: 'The canned ACL to apply to the object.',
      },
      Body: { type: 'string', description: 'Content of the object, as text.' },
      Bucket: f.bucket,
      CacheControl: {
        type: 'string',
        description: 'Can be used to specify caching behavior along the request/reply chain.',
      },
      ContentDisposition: { type: 'string', description: 'Specifies presentational information for the object.' },
      ContentEncoding: {
        type: 'string',
        description: 'Specifies what content encodings have been applied to the object and thus what decoding mechanisms must be applied to obtain the media-type referenced by the Content-Type header field.',
      },
      ContentLanguage: { type: 'string', description: 'The language the content is in.' },
      ContentLength: { type: 'integer', description: 'Size of the body in bytes.' },
      ContentMD5: {
        type: 'string',
        description: 'The Base64 encoded 128-bit MD5 digest of the message (without the headers) according to RFC 1864.',
      },
      ContentType: { type: 'string', description: 'A standard MIME type describing the format of the contents.' },
      ...f.checksumInput,
      Expires: timestampInput('When the object stops being cacheable (Expires header).'),
      IfMatch: {
        type: 'string',
        description: 'Uploads the object only if the ETag (entity tag) value provided during the WRITE operation matches the ETag of the object in S3.',
      },
      IfNoneMatch: {
        type: 'string',
        description: 'Uploads the object only if the object key name does not already exist in the bucket specified.',
      },
      GrantFullControl: {
        type: 'string',
        description: 'Gives the grantee READ, READ_ACP, and WRITE_ACP permissions on the object.',
      },
      GrantRead: { type: 'string', description: 'Allows grantee to read the object data and its metadata.' },
      GrantReadACP: { type: 'string', description: 'Allows grantee to read the object ACL.' },
      GrantWriteACP: { type: 'string', description: 'Allows grantee to write the ACL for the applicable object.' },
      Key: f.key,
      WriteOffsetBytes: {
        type: 'integer',
        description: 'Specifies the offset for appending data to existing objects in bytes.',
      },
      Metadata: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'A map of metadata to store with the object in S3.',
      },
      ServerSideEncryption: {
        type: 'string',
        enum: ['AES256', 'aws:fsx', 'aws:kms', 'aws:kms:dsse'],
        description: 'The server-side encryption algorithm that was used when you store this object in Amazon S3 or Amazon FSx.',
      },
      StorageClass: {
        type: 'string',
        enum: ['STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE', 'OUTPOSTS', 'GLACIER_IR', 'SNOW', 'EXPRESS_ONEZONE', 'FSX_OPENZFS', 'FSX_ONTAP'],
        description: 'By default, Amazon S3 uses the STANDARD Storage Class to store newly created objects.',
      },
      WebsiteRedirectLocation: {
        type: 'string',
        description: 'If the bucket is configured as a website, redirects requests for this object to another object in the same bucket or to an external URL.',
      },
      ...f.sseCustomer,
      SSEKMSKeyId: {
        type: 'string',
        description: 'Specifies the KMS key ID (Key ID, Key ARN, or Key Alias) to use for object encryption.',
      },
      SSEKMSEncryptionContext: {
        type: 'string',
        description: 'Specifies the Amazon Web Services KMS Encryption Context as an additional encryption context to use for object encryption.',
      },
      BucketKeyEnabled: {
        type: 'boolean',
        description: 'Specifies whether Amazon S3 should use an S3 Bucket Key for object encryption with server-side encryption using Key Management Service (KMS) keys (SSE-KMS).',
      },
      RequestPayer: f.requestPayer,
      Tagging: { type: 'string', description: 'The tag-set for the object.' },
      ObjectLockMode: {
        type: 'string',
        enum: ['GOVERNANCE', 'COMPLIANCE'],
        description: 'The Object Lock mode that you want to apply to this object.',
      },
      ObjectLockRetainUntilDate: timestampInput("When the object's Object Lock retention expires."),
      ObjectLockLegalHoldStatus: {
        type: 'string',
        enum: ['ON', 'OFF'],
        description: 'Specifies whether a legal hold will be applied to this object.',
      },
      ExpectedBucketOwner: f.expectedBucketOwner,
      ObjectLockEventHold: { type: 'string', enum: ['ON', 'OFF'], description: 'Place an event-based Object Lock hold on the object.' },
      ObjectLockEventHoldDurationDays: { type: 'integer', description: 'Retention in days once the event hold is released.' },
      ObjectLockEventHoldDurationYears: { type: 'integer', description: 'Retention in years once the event hold is released.' },
    },
    ['Bucket', 'Key'],
  ),
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
    const { PutObjectCommand } = await import('@aws-sdk/client-s3')
    return ctx.clients.s3.send(new PutObjectCommand(withDates(input, ['Expires', 'ObjectLockRetainUntilDate'])), { abortSignal: ctx.signal })
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['s3.deleteObject'],
  undo: (input, output) => undoCall('s3.deleteObject', { Bucket: input.Bucket, Key: input.Key, VersionId: output.VersionId }),
})
