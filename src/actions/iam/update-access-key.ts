import type { UpdateAccessKeyCommandInput, UpdateAccessKeyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.updateAccessKey`: activate or deactivate an access key.
 * Not undone: a key's status does not stop its deletion.
 */
export const updateAccessKey = defineAction<UpdateAccessKeyCommandInput, UpdateAccessKeyCommandOutput>({
  name: 'iam.updateAccessKey',
  service: 'iam',
  command: 'UpdateAccessKeyCommand',
  description: 'Activate or deactivate an access key.',
  input: modelInput('iam', 'UpdateAccessKey', {
    describe: {
      UserName: 'Owner of the key (default: the calling user).',
      Status: 'Active, or Inactive (the key stops authenticating at once).',
    },
  }),
  output: outputSchema({}),
  changes: ['permissions', 'credentials'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'UpdateAccessKey', input, ctx.signal)
  },
})
