import type { DeleteBucketCommandInput, DeleteBucketCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.deleteBucket`: delete an empty bucket.
 */
export const deleteBucket = defineAction<DeleteBucketCommandInput, DeleteBucketCommandOutput>({
  name: 's3.deleteBucket',
  service: 's3',
  command: 'DeleteBucketCommand',
  description: 'Delete an empty bucket.',
  input: inputSchema(
    {
      Bucket: f.bucket,
      ExpectedBucketOwner: f.expectedBucketOwner,
    },
    ['Bucket'],
  ),
  output: outputSchema({}),
  changes: [],
  run: async (ctx, input) => {
    const { DeleteBucketCommand } = await import('@aws-sdk/client-s3')
    return ctx.clients.s3.send(new DeleteBucketCommand(input), { abortSignal: ctx.signal })
  },
})
