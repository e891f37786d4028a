import type { PutBucketPolicyCommandInput, PutBucketPolicyCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'
import * as f from './fields.js'

/**
 * `s3.putBucketPolicy`: set the bucket policy (resource-based policy) of a bucket.
 * Undone by `s3.deleteBucketPolicy`.
 * If the call replaced another policy, the undo deletes the policy rather than restoring the old one.
 */
export const putBucketPolicy = defineAction<WithDocuments<PutBucketPolicyCommandInput, 'Policy'>, PutBucketPolicyCommandOutput>({
  name: 's3.putBucketPolicy',
  service: 's3',
  command: 'PutBucketPolicyCommand',
  description: 'Set the bucket policy (resource-based policy) of a bucket.',
  input: modelInput('s3', 'PutBucketPolicy', {
    describe: {
      ContentMD5: 'The MD5 hash of the request body.',
      ChecksumAlgorithm: 'Indicates the algorithm used to create the checksum for the request when you use the SDK.',
      ConfirmRemoveSelfBucketAccess: 'Set this parameter to true to confirm that you want to remove your permissions to change this bucket policy in the future.',
    },
    override: {
      Bucket: f.bucket,
      Policy: policyDocumentSchema('The bucket policy.'),
    },
  }),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'PutBucketPolicy', { ...input, Policy: toPolicyText(input.Policy) }, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['s3.deleteBucketPolicy'],
  undo: (input) => undoCall('s3.deleteBucketPolicy', { Bucket: input.Bucket }),
})
