import type { GetObjectTaggingCommandInput, GetObjectTaggingCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, obj, outputSchema, str } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.getObjectTagging`: Get the tag set of an object (or of one version of it).
 */
export const getObjectTagging = defineAction<GetObjectTaggingCommandInput, GetObjectTaggingCommandOutput>({
  name: 's3.getObjectTagging',
  service: 's3',
  command: 'GetObjectTaggingCommand',
  description: 'Get the tag set of an object (or of one version of it).',
  input: modelInput('s3', 'GetObjectTagging', {
    describe: {
      Key: 'Object key for which to get the tagging information.',
      VersionId: 'The versionId of the object for which to get the tagging information.',
      ExpectedBucketOwner: 'The account ID of the expected bucket owner.',
      RequestPayer: 'Confirms that the requester knows that they will be charged for the request.',
    },
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({ VersionId: str, TagSet: list(obj({ Key: str, Value: str })) }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'GetObjectTagging', input, ctx.signal)
  },
})
