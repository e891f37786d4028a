import type { PutPublicAccessBlockCommandInput, PutPublicAccessBlockCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.putPublicAccessBlock`: Set the Block Public Access settings of a bucket.
 */
export const putPublicAccessBlock = defineAction<PutPublicAccessBlockCommandInput, PutPublicAccessBlockCommandOutput>({
  name: 's3.putPublicAccessBlock',
  service: 's3',
  command: 'PutPublicAccessBlockCommand',
  description: 'Set the Block Public Access settings of a bucket.',
  input: modelInput('s3', 'PutPublicAccessBlock', {
    describe: {
      ContentMD5: 'The MD5 hash of the PutPublicAccessBlock request body.',
      ChecksumAlgorithm: 'Indicates the algorithm used to create the checksum for the object when you use the SDK.',
      PublicAccessBlockConfiguration: 'The PublicAccessBlock configuration that you want to apply to this Amazon S3 bucket.',
      ExpectedBucketOwner: 'The account ID of the expected bucket owner.',
    },
    override: {
      Bucket: f.bucket,
    },
    examples: { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true } },
  }),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'PutPublicAccessBlock', input, ctx.signal)
  },
})
