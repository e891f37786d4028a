import type { DeleteUserPermissionsBoundaryCommandInput, DeleteUserPermissionsBoundaryCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteUserPermissionsBoundary`: remove the permissions boundary of a user.
 */
export const deleteUserPermissionsBoundary = defineAction<DeleteUserPermissionsBoundaryCommandInput, DeleteUserPermissionsBoundaryCommandOutput>({
  name: 'iam.deleteUserPermissionsBoundary',
  service: 'iam',
  command: 'DeleteUserPermissionsBoundaryCommand',
  description: 'Remove the permissions boundary of a user.',
  input: modelInput('iam', 'DeleteUserPermissionsBoundary'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteUserPermissionsBoundary', input, ctx.signal)
  },
})
