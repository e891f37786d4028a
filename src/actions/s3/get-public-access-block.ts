import type { GetPublicAccessBlockCommandInput, GetPublicAccessBlockCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { bool, obj, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.getPublicAccessBlock`: Get the Block Public Access settings of a bucket.
 */
export const getPublicAccessBlock = defineAction<GetPublicAccessBlockCommandInput, GetPublicAccessBlockCommandOutput>({
  name: 's3.getPublicAccessBlock',
  service: 's3',
  command: 'GetPublicAccessBlockCommand',
  description: 'Get the Block Public Access settings of a bucket.',
  input: modelInput('s3', 'GetPublicAccessBlock', {
    describe: {
      ExpectedBucketOwner: 'The account ID of the expected bucket owner.',
    },
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({ PublicAccessBlockConfiguration: obj({ BlockPublicAcls: bool, IgnorePublicAcls: bool, BlockPublicPolicy: bool, RestrictPublicBuckets: bool }) }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'GetPublicAccessBlock', input, ctx.signal)
  },
})
