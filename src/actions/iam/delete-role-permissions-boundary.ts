import type { DeleteRolePermissionsBoundaryCommandInput, DeleteRolePermissionsBoundaryCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.deleteRolePermissionsBoundary`: remove the permissions boundary of a role.
 */
export const deleteRolePermissionsBoundary = defineAction<DeleteRolePermissionsBoundaryCommandInput, DeleteRolePermissionsBoundaryCommandOutput>({
  name: 'iam.deleteRolePermissionsBoundary',
  service: 'iam',
  command: 'DeleteRolePermissionsBoundaryCommand',
  description: 'Remove the permissions boundary of a role.',
  input: inputSchema(
    {
      RoleName: describe(f.roleName, 'Name of the IAM role.'),
    },
    ['RoleName'],
  ),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { DeleteRolePermissionsBoundaryCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new DeleteRolePermissionsBoundaryCommand(input), { abortSignal: ctx.signal })
  },
})
