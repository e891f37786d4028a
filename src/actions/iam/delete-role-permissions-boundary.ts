import type { DeleteRolePermissionsBoundaryCommandInput, DeleteRolePermissionsBoundaryCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteRolePermissionsBoundary`: remove the permissions boundary of a role.
 */
export const deleteRolePermissionsBoundary = defineAction<DeleteRolePermissionsBoundaryCommandInput, DeleteRolePermissionsBoundaryCommandOutput>({
  name: 'iam.deleteRolePermissionsBoundary',
  service: 'iam',
  command: 'DeleteRolePermissionsBoundaryCommand',
  description: 'Remove the permissions boundary of a role.',
  input: modelInput('iam', 'DeleteRolePermissionsBoundary'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteRolePermissionsBoundary', input, ctx.signal)
  },
})
