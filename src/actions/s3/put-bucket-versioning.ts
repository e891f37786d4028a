import type { PutBucketVersioningCommandInput, PutBucketVersioningCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.putBucketVersioning`: Enable or suspend versioning of a bucket (a versioned bucket never returns to unversioned).
 */
export const putBucketVersioning = defineAction<PutBucketVersioningCommandInput, PutBucketVersioningCommandOutput>({
  name: 's3.putBucketVersioning',
  service: 's3',
  command: 'PutBucketVersioningCommand',
  description: 'Enable or suspend versioning of a bucket (a versioned bucket never returns to unversioned).',
  input: modelInput('s3', 'PutBucketVersioning', {
    describe: {
      ContentMD5: '&gt;The Base64 encoded 128-bit MD5 digest of the data.',
      ChecksumAlgorithm: 'Indicates the algorithm used to create the checksum for the request when you use the SDK.',
      MFA: 'The concatenation of the authentication device\'s serial number, a space, and the value that is displayed on your authentication device.',
      VersioningConfiguration: 'Container for setting the versioning state.',
      ExpectedBucketOwner: 'The account ID of the expected bucket owner.',
    },
    override: {
      Bucket: f.bucket,
    },
    examples: { VersioningConfiguration: { Status: 'Enabled' } },
  }),
  output: outputSchema({}),
  changes: [],
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'PutBucketVersioning', input, ctx.signal)
  },
})
