import type { DeleteObjectCommandInput, DeleteObjectCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { bool, outputSchema, str, withDates } from '../schema.js'
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
  input: modelInput('s3', 'DeleteObject', {
    describe: {
      MFA: 'The concatenation of the authentication device\'s serial number, a space, and the value that is displayed on your authentication device.',
      BypassGovernanceRetention: 'Indicates whether S3 Object Lock should bypass Governance-mode restrictions to process this operation.',
      IfMatch: 'Deletes the object if the ETag (entity tag) value provided during the delete operation matches the ETag of the object in S3.',
      IfMatchLastModifiedTime: 'Delete only if the object was last modified at this time (directory buckets). ISO-8601, e.g. 2030-01-01T00:00:00Z.',
      IfMatchSize: 'If present, the object is deleted only if its size matches the provided size in bytes.',
    },
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({
    DeleteMarker: bool,
    VersionId: str,
    RequestCharged: str,
  }),
  changes: [],
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'DeleteObject', withDates(input, ['IfMatchLastModifiedTime']), ctx.signal)
  },
})
