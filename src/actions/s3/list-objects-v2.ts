import type { ListObjectsV2CommandInput, ListObjectsV2CommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { bool, inputSchema, int, list, obj, outputSchema, str } from '../schema.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/**
 * `s3.listObjectsV2`: list the objects of a bucket.
 */
export const listObjectsV2 = defineAction<ListObjectsV2CommandInput, ListObjectsV2CommandOutput>({
  name: 's3.listObjectsV2',
  service: 's3',
  command: 'ListObjectsV2Command',
  description: 'List the objects of a bucket.',
  input: inputSchema(
    {
      Bucket: f.bucket,
      Delimiter: { type: 'string', description: 'Character that groups keys into CommonPrefixes (usually /).' },
      EncodingType: {
        type: 'string',
        enum: ['url'],
        description: 'Encoding type used by Amazon S3 to encode the object keys in the response.',
      },
      MaxKeys: { type: 'integer', description: 'Maximum number of keys to return (default 1000).' },
      Prefix: {
        type: 'string',
        description: 'Limits the response to keys that begin with the specified prefix.',
      },
      ContinuationToken: {
        type: 'string',
        description: 'Token from a previous truncated response, to continue the listing.',
      },
      FetchOwner: { type: 'boolean', description: 'Include the Owner of each object in Contents (absent by default).' },
      StartAfter: { type: 'string', description: 'List keys after this one (lexicographic order).' },
      RequestPayer: f.requestPayer,
      ExpectedBucketOwner: f.expectedBucketOwner,
      OptionalObjectAttributes: {
        type: 'array',
        items: { type: 'string', enum: ['RestoreStatus'] },
        description: 'Specifies the optional fields that you want returned in the response.',
      },
    },
    ['Bucket'],
  ),
  output: outputSchema({
    IsTruncated: bool,
    Contents: list(s.object),
    Name: str,
    Prefix: str,
    Delimiter: str,
    MaxKeys: int,
    CommonPrefixes: list(obj({ Prefix: str })),
    EncodingType: str,
    KeyCount: int,
    ContinuationToken: str,
    NextContinuationToken: str,
    StartAfter: str,
    RequestCharged: str,
  }),
  readOnly: true,
  run: async (ctx, input) => {
    const { ListObjectsV2Command } = await import('@aws-sdk/client-s3')
    return ctx.clients.s3.send(new ListObjectsV2Command(input), { abortSignal: ctx.signal })
  },
})
