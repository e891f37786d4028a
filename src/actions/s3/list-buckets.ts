import type { ListBucketsCommandInput, ListBucketsCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema, str } from '../schema.js'
import * as s from './shapes.js'

/**
 * `s3.listBuckets`: list the buckets of the caller's account.
 */
export const listBuckets = defineAction<ListBucketsCommandInput, ListBucketsCommandOutput>({
  name: 's3.listBuckets',
  service: 's3',
  command: 'ListBucketsCommand',
  description: 'List the buckets of the caller\'s account.',
  input: modelInput('s3', 'ListBuckets', {
    describe: {
      MaxBuckets: 'Maximum number of buckets to be returned in response.',
      Prefix: 'Limits the response to bucket names that begin with the specified bucket name prefix.',
      BucketRegion: 'Limits the response to buckets that are located in the specified Amazon Web Services Region.',
    },
  }),
  output: outputSchema({
    Buckets: list(s.bucket),
    Owner: s.owner,
    ContinuationToken: str,
    Prefix: str,
  }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'ListBuckets', input, ctx.signal)
  },
})
