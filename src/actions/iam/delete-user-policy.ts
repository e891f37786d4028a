import type { DeleteUserPolicyCommandInput, DeleteUserPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteUserPolicy`: delete an inline policy of a user.
 */
export const deleteUserPolicy = defineAction<DeleteUserPolicyCommandInput, DeleteUserPolicyCommandOutput>({
  name: 'iam.deleteUserPolicy',
  service: 'iam',
  command: 'DeleteUserPolicyCommand',
  description: 'Delete an inline policy of a user.',
  input: modelInput('iam', 'DeleteUserPolicy'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteUserPolicy', input, ctx.signal)
  },
})
