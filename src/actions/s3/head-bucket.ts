import type { HeadBucketCommandInput, HeadBucketCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { bool, outputSchema, str } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.headBucket`: check that a bucket exists and the caller may access it (404 NotFound / 403 Forbidden otherwise).
 */
export const headBucket = defineAction<HeadBucketCommandInput, HeadBucketCommandOutput>({
  name: 's3.headBucket',
  service: 's3',
  command: 'HeadBucketCommand',
  description: 'Check that a bucket exists and the caller may access it (404 NotFound / 403 Forbidden otherwise).',
  input: modelInput('s3', 'HeadBucket', {
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({
    BucketArn: str,
    BucketLocationType: str,
    BucketLocationName: str,
    BucketRegion: str,
    AccessPointAlias: bool,
  }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'HeadBucket', input, ctx.signal)
  },
})
