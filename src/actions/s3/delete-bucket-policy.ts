import type { DeleteBucketPolicyCommandInput, DeleteBucketPolicyCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.deleteBucketPolicy`: delete the bucket policy of a bucket.
 */
export const deleteBucketPolicy = defineAction<DeleteBucketPolicyCommandInput, DeleteBucketPolicyCommandOutput>({
  name: 's3.deleteBucketPolicy',
  service: 's3',
  command: 'DeleteBucketPolicyCommand',
  description: 'Delete the bucket policy of a bucket.',
  input: modelInput('s3', 'DeleteBucketPolicy', {
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'DeleteBucketPolicy', input, ctx.signal)
  },
})
