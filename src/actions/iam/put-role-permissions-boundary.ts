import type { PutRolePermissionsBoundaryCommandInput, PutRolePermissionsBoundaryCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'
import * as f from './fields.js'

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
  input: inputSchema(
    {
      RoleName: describe(f.roleName, 'Name of the IAM role.'),
      PermissionsBoundary: describe(f.arn, 'ARN of the managed policy to use as the boundary.'),
    },
    ['RoleName', 'PermissionsBoundary'],
  ),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { PutRolePermissionsBoundaryCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new PutRolePermissionsBoundaryCommand(input), { abortSignal: ctx.signal })
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.deleteRolePermissionsBoundary'],
  undo: (input) => undoCall('iam.deleteRolePermissionsBoundary', { RoleName: input.RoleName }),
})
