import type { DeleteRoleCommandInput, DeleteRoleCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.deleteRole`: delete an IAM role (it must have no policies or instance profiles left).
 */
export const deleteRole = defineAction<DeleteRoleCommandInput, DeleteRoleCommandOutput>({
  name: 'iam.deleteRole',
  service: 'iam',
  command: 'DeleteRoleCommand',
  description: 'Delete an IAM role (it must have no policies or instance profiles left).',
  input: inputSchema(
    {
      RoleName: describe(f.roleName, 'Name of the IAM role.'),
    },
    ['RoleName'],
  ),
  output: outputSchema({}),
  changes: ['permissions', 'trust'],
  run: async (ctx, input) => {
    const { DeleteRoleCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new DeleteRoleCommand(input), { abortSignal: ctx.signal })
  },
})
