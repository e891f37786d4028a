import type { PutUserPermissionsBoundaryCommandInput, PutUserPermissionsBoundaryCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'
import * as f from './fields.js'

/**
 * `iam.putUserPermissionsBoundary`: set the permissions boundary of a user.
 * Undone by `iam.deleteUserPermissionsBoundary`.
 * If the call replaced another boundary, the undo removes the boundary rather than restoring it.
 */
export const putUserPermissionsBoundary = defineAction<PutUserPermissionsBoundaryCommandInput, PutUserPermissionsBoundaryCommandOutput>({
  name: 'iam.putUserPermissionsBoundary',
  service: 'iam',
  command: 'PutUserPermissionsBoundaryCommand',
  description: 'Set the permissions boundary of a user.',
  input: inputSchema(
    {
      UserName: describe(f.userName, 'Name of the IAM user.'),
      PermissionsBoundary: describe(f.arn, 'ARN of the managed policy to use as the boundary.'),
    },
    ['UserName', 'PermissionsBoundary'],
  ),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { PutUserPermissionsBoundaryCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new PutUserPermissionsBoundaryCommand(input), { abortSignal: ctx.signal })
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.deleteUserPermissionsBoundary'],
  undo: (input) => undoCall('iam.deleteUserPermissionsBoundary', { UserName: input.UserName }),
})
