import type { DeleteRolePolicyCommandInput, DeleteRolePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteRolePolicy`: delete an inline policy of a role.
 */
export const deleteRolePolicy = defineAction<DeleteRolePolicyCommandInput, DeleteRolePolicyCommandOutput>({
  name: 'iam.deleteRolePolicy',
  service: 'iam',
  command: 'DeleteRolePolicyCommand',
  description: 'Delete an inline policy of a role.',
  input: modelInput('iam', 'DeleteRolePolicy'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteRolePolicy', input, ctx.signal)
  },
})
