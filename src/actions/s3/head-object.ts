import type { HeadObjectCommandInput, HeadObjectCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema, str, withDates } from '../schema.js'
import type { WithTimestamps } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.headObject`: get the metadata of an object (no body).
 */
export const headObject = defineAction<WithTimestamps<HeadObjectCommandInput, 'IfModifiedSince' | 'IfUnmodifiedSince' | 'ResponseExpires'>, HeadObjectCommandOutput>({
  name: 's3.headObject',
  service: 's3',
  command: 'HeadObjectCommand',
  description: 'Get the metadata of an object (no body).',
  input: modelInput('s3', 'HeadObject', {
    describe: {
      Range: 'Byte range (bytes=0-9): the metadata describes that part.',
    },
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({ ...f.objectMetadataOutput, ArchiveStatus: str }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'HeadObject', withDates(input, f.readTimestamps), ctx.signal)
  },
})
