import type { RemoveRoleFromInstanceProfileCommandInput, RemoveRoleFromInstanceProfileCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.removeRoleFromInstanceProfile`: Remove a role from an instance profile.
 */
export const removeRoleFromInstanceProfile = defineAction<RemoveRoleFromInstanceProfileCommandInput, RemoveRoleFromInstanceProfileCommandOutput>({
  name: 'iam.removeRoleFromInstanceProfile',
  service: 'iam',
  command: 'RemoveRoleFromInstanceProfileCommand',
  description: 'Remove a role from an instance profile.',
  input: modelInput('iam', 'RemoveRoleFromInstanceProfile', { describe: { InstanceProfileName: 'Name of the instance profile.' } }),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'RemoveRoleFromInstanceProfile', input, ctx.signal)
  },
})
