import type { DeleteBucketCommandInput, DeleteBucketCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.deleteBucket`: delete an empty bucket.
 */
export const deleteBucket = defineAction<DeleteBucketCommandInput, DeleteBucketCommandOutput>({
  name: 's3.deleteBucket',
  service: 's3',
  command: 'DeleteBucketCommand',
  description: 'Delete an empty bucket.',
  input: modelInput('s3', 'DeleteBucket', {
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({}),
  changes: [],
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'DeleteBucket', input, ctx.signal)
  },
})
