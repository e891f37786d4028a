import type { PutRolePermissionsBoundaryCommandInput, PutRolePermissionsBoundaryCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.putRolePermissionsBoundary`: set the permissions boundary of a role.
 * Undone by `iam.deleteRolePermissionsBoundary`.
 * If the call replaced another boundary, the undo removes the boundary rather than restoring it.
 */
export const putRolePermissionsBoundary = defineAction<PutRolePermissionsBoundaryCommandInput, PutRolePermissionsBoundaryCommandOutput>({
  name: 'iam.putRolePermissionsBoundary',
  service: 'iam',
  command: 'PutRolePermissionsBoundaryCommand',
  description: 'Set the permissions boundary of a role.',
  input: modelInput('iam', 'PutRolePermissionsBoundary'),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'PutRolePermissionsBoundary', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.deleteRolePermissionsBoundary'],
  undo: (input) => undoCall('iam.deleteRolePermissionsBoundary', { RoleName: input.RoleName }),
})
