import type { RemoveUserFromGroupCommandInput, RemoveUserFromGroupCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.removeUserFromGroup`: remove a user from a group.
 */
export const removeUserFromGroup = defineAction<RemoveUserFromGroupCommandInput, RemoveUserFromGroupCommandOutput>({
  name: 'iam.removeUserFromGroup',
  service: 'iam',
  command: 'RemoveUserFromGroupCommand',
  description: 'Remove a user from a group.',
  input: modelInput('iam', 'RemoveUserFromGroup'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'RemoveUserFromGroup', input, ctx.signal)
  },
})
