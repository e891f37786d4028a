import type { GetBucketVersioningCommandInput, GetBucketVersioningCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema, str } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.getBucketVersioning`: Get the versioning status of a bucket.
 */
export const getBucketVersioning = defineAction<GetBucketVersioningCommandInput, GetBucketVersioningCommandOutput>({
  name: 's3.getBucketVersioning',
  service: 's3',
  command: 'GetBucketVersioningCommand',
  description: 'Get the versioning status of a bucket.',
  input: modelInput('s3', 'GetBucketVersioning', {
    describe: {
      ExpectedBucketOwner: 'The account ID of the expected bucket owner.',
    },
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({ Status: str, MFADelete: str }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'GetBucketVersioning', input, ctx.signal)
  },
})
