import type { PutUserPermissionsBoundaryCommandInput, PutUserPermissionsBoundaryCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

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
  input: modelInput('iam', 'PutUserPermissionsBoundary'),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'PutUserPermissionsBoundary', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.deleteUserPermissionsBoundary'],
  undo: (input) => undoCall('iam.deleteUserPermissionsBoundary', { UserName: input.UserName }),
})
