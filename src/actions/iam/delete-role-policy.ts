import type { DeleteRolePolicyCommandInput, DeleteRolePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.deleteRolePolicy`: delete an inline policy of a role.
 */
export const deleteRolePolicy = defineAction<DeleteRolePolicyCommandInput, DeleteRolePolicyCommandOutput>({
  name: 'iam.deleteRolePolicy',
  service: 'iam',
  command: 'DeleteRolePolicyCommand',
  description: 'Delete an inline policy of a role.',
  input: inputSchema(
    {
      RoleName: describe(f.roleName, 'Name of the IAM role.'),
      PolicyName: describe(f.policyName, 'Name of the inline policy.'),
    },
    ['RoleName', 'PolicyName'],
  ),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { DeleteRolePolicyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new DeleteRolePolicyCommand(input), { abortSignal: ctx.signal })
  },
})
