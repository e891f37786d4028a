import type { ListBucketsCommandInput, ListBucketsCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { inputSchema, list, outputSchema, str } from '../schema.js'
import * as s from './shapes.js'

/**
 * `s3.listBuckets`: list the buckets of the caller's account.
 */
export const listBuckets = defineAction<ListBucketsCommandInput, ListBucketsCommandOutput>({
  name: 's3.listBuckets',
  service: 's3',
  command: 'ListBucketsCommand',
  description: 'List the buckets of the caller\'s account.',
  input: inputSchema({
    MaxBuckets: {
        type: 'integer',
        minimum: 1,
        maximum: 10000,
        description: 'Maximum number of buckets to be returned in response.',
      },
    ContinuationToken: {
        type: 'string',
        description: 'Token from a previous truncated response, to continue the listing.',
      },
    Prefix: {
        type: 'string',
        description: 'Limits the response to bucket names that begin with the specified bucket name prefix.',
      },
    BucketRegion: {
        type: 'string',
        description: 'Limits the response to buckets that are located in the specified Amazon Web Services Region.',
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
    const { ListBucketsCommand } = await import('@aws-sdk/client-s3')
    return ctx.clients.s3.send(new ListBucketsCommand(input), { abortSignal: ctx.signal })
  },
})
