import type { PutBucketPolicyCommandInput, PutBucketPolicyCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { inputSchema, outputSchema } from '../schema.js'
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
  input: inputSchema(
    {
      Bucket: f.bucket,
      ContentMD5: { type: 'string', description: 'The MD5 hash of the request body.' },
      ChecksumAlgorithm: {
        type: 'string',
        enum: ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME', 'SHA512', 'MD5', 'XXHASH64', 'XXHASH3', 'XXHASH128'],
        description: 'Indicates the algorithm used to create the checksum for the request when you use the SDK.',
      },
      ConfirmRemoveSelfBucketAccess: {
        type: 'boolean',
        description: 'Set this parameter to true to confirm that you want to remove your permissions to change this bucket policy in the future.',
      },
      Policy: policyDocumentSchema('The bucket policy.'),
      ExpectedBucketOwner: f.expectedBucketOwner,
    },
    ['Bucket', 'Policy'],
  ),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { PutBucketPolicyCommand } = await import('@aws-sdk/client-s3')
    return ctx.clients.s3.send(new PutBucketPolicyCommand({ ...input, Policy: toPolicyText(input.Policy) }), { abortSignal: ctx.signal })
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['s3.deleteBucketPolicy'],
  undo: (input) => undoCall('s3.deleteBucketPolicy', { Bucket: input.Bucket }),
})
