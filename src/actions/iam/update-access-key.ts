import type { UpdateAccessKeyCommandInput, UpdateAccessKeyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.updateAccessKey`: activate or deactivate an access key.
 * Not undone: a key's status does not stop its deletion.
 */
export const updateAccessKey = defineAction<UpdateAccessKeyCommandInput, UpdateAccessKeyCommandOutput>({
  name: 'iam.updateAccessKey',
  service: 'iam',
  command: 'UpdateAccessKeyCommand',
  description: 'Activate or deactivate an access key.',
  input: inputSchema(
    {
      UserName: describe(f.existingUserName, 'Owner of the key (default: the calling user).'),
      AccessKeyId: describe(f.accessKeyId, 'ID of the access key (AKIA...).'),
      Status: describe(f.accessKeyStatus, 'Active, or Inactive (the key stops authenticating at once).'),
    },
    ['AccessKeyId', 'Status'],
  ),
  output: outputSchema({}),
  changes: ['permissions', 'credentials'],
  run: async (ctx, input) => {
    const { UpdateAccessKeyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new UpdateAccessKeyCommand(input), { abortSignal: ctx.signal })
  },
})
