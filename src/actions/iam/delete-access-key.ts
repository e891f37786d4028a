import type { DeleteAccessKeyCommandInput, DeleteAccessKeyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteAccessKey`: delete an access key.
 */
export const deleteAccessKey = defineAction<DeleteAccessKeyCommandInput, DeleteAccessKeyCommandOutput>({
  name: 'iam.deleteAccessKey',
  service: 'iam',
  command: 'DeleteAccessKeyCommand',
  description: 'Delete an access key.',
  input: modelInput('iam', 'DeleteAccessKey', {
    describe: {
      UserName: 'Owner of the key (default: the calling user).',
    },
  }),
  output: outputSchema({}),
  changes: ['permissions', 'credentials'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteAccessKey', input, ctx.signal)
  },
})
