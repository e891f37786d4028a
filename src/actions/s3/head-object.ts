import type { HeadObjectCommandInput, HeadObjectCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { inputSchema, outputSchema, str, withDates } from '../schema.js'
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
  input: inputSchema(
    {
      Bucket: f.bucket,
      ...f.readConditions,
      Key: f.key,
      Range: { type: 'string', description: 'Byte range (bytes=0-9): the metadata describes that part.' },
      ...f.responseOverrides,
      VersionId: f.versionId,
      ...f.sseCustomer,
      RequestPayer: f.requestPayer,
      PartNumber: { type: 'integer', description: 'Part number of the object being read.' },
      ExpectedBucketOwner: f.expectedBucketOwner,
      ChecksumMode: {
        type: 'string',
        enum: ['ENABLED'],
        description: 'ENABLED: return the object checksum.',
      },
    },
    ['Bucket', 'Key'],
  ),
  output: outputSchema({ ...f.objectMetadataOutput, ArchiveStatus: str }),
  readOnly: true,
  run: async (ctx, input) => {
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3')
    return ctx.clients.s3.send(new HeadObjectCommand(withDates(input, f.readTimestamps)), { abortSignal: ctx.signal })
  },
})
