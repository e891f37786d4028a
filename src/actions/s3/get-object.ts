import type { GetObjectCommandInput, GetObjectCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema, str, withDates } from '../schema.js'
import type { WithTimestamps } from '../schema.js'
import * as f from './fields.js'

/**
 * `s3.getObject`: download an object; Body is returned as text so it can be checked.
 */
export const getObject = defineAction<WithTimestamps<GetObjectCommandInput, 'IfModifiedSince' | 'IfUnmodifiedSince' | 'ResponseExpires'>, Omit<GetObjectCommandOutput, 'Body'> & { Body?: string }>({
  name: 's3.getObject',
  service: 's3',
  command: 'GetObjectCommand',
  description: 'Download an object; Body is returned as text so it can be checked.',
  input: modelInput('s3', 'GetObject', {
    describe: {
      Range: 'Downloads the specified byte range of an object.',
    },
    override: {
      Bucket: f.bucket,
    },
  }),
  output: outputSchema({ Body: str, ...f.objectMetadataOutput }),
  readOnly: true,
  run: async (ctx, input) => {
    const { Body, ...rest } = await ctx.clients.call('s3', 'GetObject', withDates(input, f.readTimestamps), ctx.signal)
    return { ...rest, Body: Body === undefined ? undefined : await Body.transformToString() }
  },
})
