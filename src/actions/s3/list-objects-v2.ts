import type { ListObjectsV2CommandInput, ListObjectsV2CommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { bool, int, list, obj, outputSchema, str } from '../schema.js'
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
  input: modelInput('s3', 'ListObjectsV2', {
    describe: {
      Delimiter: 'Character that groups keys into CommonPrefixes (usually /).',
      EncodingType: 'Encoding type used by Amazon S3 to encode the object keys in the response.',
      MaxKeys: 'Maximum number of keys to return (default 1000).',
      Prefix: 'Limits the response to keys that begin with the specified prefix.',
      FetchOwner: 'Include the Owner of each object in Contents (absent by default).',
      StartAfter: 'List keys after this one (lexicographic order).',
      OptionalObjectAttributes: 'Specifies the optional fields that you want returned in the response.',
    },
    override: {
      Bucket: f.bucket,
    },
  }),
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
    return ctx.clients.call('s3', 'ListObjectsV2', input, ctx.signal)
  },
})
