import type { DeleteUserCommandInput, DeleteUserCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteUser`: delete an IAM user (it must have no keys, policies, groups or login profile left).
 */
export const deleteUser = defineAction<DeleteUserCommandInput, DeleteUserCommandOutput>({
  name: 'iam.deleteUser',
  service: 'iam',
  command: 'DeleteUserCommand',
  description: 'Delete an IAM user (it must have no keys, policies, groups or login profile left).',
  input: modelInput('iam', 'DeleteUser'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteUser', input, ctx.signal)
  },
})
