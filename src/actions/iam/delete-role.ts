import type { DeleteRoleCommandInput, DeleteRoleCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteRole`: delete an IAM role (it must have no policies or instance profiles left).
 */
export const deleteRole = defineAction<DeleteRoleCommandInput, DeleteRoleCommandOutput>({
  name: 'iam.deleteRole',
  service: 'iam',
  command: 'DeleteRoleCommand',
  description: 'Delete an IAM role (it must have no policies or instance profiles left).',
  input: modelInput('iam', 'DeleteRole'),
  output: outputSchema({}),
  changes: ['permissions', 'trust'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteRole', input, ctx.signal)
  },
})
