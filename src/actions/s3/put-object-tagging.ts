import type { PutObjectTaggingCommandInput, PutObjectTaggingCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema, str } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.putObjectTagging`: Replace the tag set of an object (or of one version of it).
 */
export const putObjectTagging = defineAction<PutObjectTaggingCommandInput, PutObjectTaggingCommandOutput>({
  name: 's3.putObjectTagging',
  service: 's3',
  command: 'PutObjectTaggingCommand',
  description: 'Replace the tag set of an object (or of one version of it).',
  input: modelInput('s3', 'PutObjectTagging', {
    describe: {
      Key: 'Name of the object key.',
      VersionId: 'The versionId of the object that the tag-set will be added to.',
      ContentMD5: 'The MD5 hash for the request body.',
      ChecksumAlgorithm: 'Indicates the algorithm used to create the checksum for the object when you use the SDK.',
      Tagging: 'Container for the TagSet and Tag elements',
      ExpectedBucketOwner: 'The account ID of the expected bucket owner.',
      RequestPayer: 'Confirms that the requester knows that she or he will be charged for the tagging object request.',
    },
    override: {
      Bucket: f.bucket,
    },
    examples: { Tagging: { TagSet: [{ Key: 'class', Value: 'public' }] } },
  }),
  output: outputSchema({ VersionId: str }),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'PutObjectTagging', input, ctx.signal)
  },
})
