import type { DeleteObjectCommandInput, DeleteObjectCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { bool, inputSchema, outputSchema, str, timestampInput, withDates } from '../schema.js'
import type { WithTimestamps } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.deleteObject`: delete an object (or one version of it).
 */
export const deleteObject = defineAction<WithTimestamps<DeleteObjectCommandInput, 'IfMatchLastModifiedTime'>, DeleteObjectCommandOutput>({
  name: 's3.deleteObject',
  service: 's3',
  command: 'DeleteObjectCommand',
  description: 'Delete an object (or one version of it).',
  input: inputSchema(
    {
      Bucket: f.bucket,
      Key: f.key,
      MFA: {
        type: 'string',
        description: 'The concatenation of the authentication device\'s serial number, a space, and the value that is displayed on your authentication device.',
      },
      VersionId: f.versionId,
      RequestPayer: f.requestPayer,
      BypassGovernanceRetention: {
        type: 'boolean',
        description: 'Indicates whether S3 Object Lock should bypass Governance-mode restrictions to process this operation.',
      },
      ExpectedBucketOwner: f.expectedBucketOwner,
      IfMatch: {
        type: 'string',
        description: 'Deletes the object if the ETag (entity tag) value provided during the delete operation matches the ETag of the object in S3.',
      },
      IfMatchLastModifiedTime: timestampInput('Delete only if the object was last modified at this time (directory buckets).'),
      IfMatchSize: {
        type: 'integer',
        description: 'If present, the object is deleted only if its size matches the provided size in bytes.',
      },
    },
    ['Bucket', 'Key'],
  ),
  output: outputSchema({
    DeleteMarker: bool,
    VersionId: str,
    RequestCharged: str,
  }),
  changes: [],
  run: async (ctx, input) => {
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3')
    return ctx.clients.s3.send(new DeleteObjectCommand(withDates(input, ['IfMatchLastModifiedTime'])), { abortSignal: ctx.signal })
  },
})
