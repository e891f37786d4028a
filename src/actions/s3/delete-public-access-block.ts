import type { DeletePublicAccessBlockCommandInput, DeletePublicAccessBlockCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.deletePublicAccessBlock`: Remove the Block Public Access settings of a bucket (public policies and ACLs are no longer blocked at bucket level).
 */
export const deletePublicAccessBlock = defineAction<DeletePublicAccessBlockCommandInput, DeletePublicAccessBlockCommandOutput>({
  name: 's3.deletePublicAccessBlock',
  service: 's3',
  command: 'DeletePublicAccessBlockCommand',
  description: 'Remove the Block Public Access settings of a bucket (public policies and ACLs are no longer blocked at bucket level).',
  input: modelInput('s3', 'DeletePublicAccessBlock', {
    describe: {
      ExpectedBucketOwner: 'The account ID of the expected bucket owner.',
    },
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'DeletePublicAccessBlock', input, ctx.signal)
  },
})
