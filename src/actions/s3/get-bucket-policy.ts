import type { GetBucketPolicyCommandInput, GetBucketPolicyCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { Decoded } from '../policy-document.js'
import { decodePolicyDocument, policyDocumentOutput } from '../policy-document.js'
import { outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.getBucketPolicy`: get the bucket policy of a bucket, parsed into an object.
 */
export const getBucketPolicy = defineAction<GetBucketPolicyCommandInput, Decoded<GetBucketPolicyCommandOutput, 'Policy'>>({
  name: 's3.getBucketPolicy',
  service: 's3',
  command: 'GetBucketPolicyCommand',
  description: 'Get the bucket policy of a bucket, parsed into an object.',
  input: modelInput('s3', 'GetBucketPolicy', {
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({ Policy: policyDocumentOutput }),
  readOnly: true,
  run: async (ctx, input) => {
    const output = await ctx.clients.call('s3', 'GetBucketPolicy', input, ctx.signal)
    return { ...output, Policy: decodePolicyDocument(output.Policy) }
  },
})
