import type { DeleteAccessKeyCommandInput, DeleteAccessKeyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.deleteAccessKey`: delete an access key.
 */
export const deleteAccessKey = defineAction<DeleteAccessKeyCommandInput, DeleteAccessKeyCommandOutput>({
  name: 'iam.deleteAccessKey',
  service: 'iam',
  command: 'DeleteAccessKeyCommand',
  description: 'Delete an access key.',
  input: inputSchema(
    {
      UserName: describe(f.existingUserName, 'Owner of the key (default: the calling user).'),
      AccessKeyId: describe(f.accessKeyId, 'ID of the access key (AKIA...).'),
    },
    ['AccessKeyId'],
  ),
  output: outputSchema({}),
  changes: ['permissions', 'credentials'],
  run: async (ctx, input) => {
    const { DeleteAccessKeyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new DeleteAccessKeyCommand(input), { abortSignal: ctx.signal })
  },
})
