import type { DeleteInstanceProfileCommandInput, DeleteInstanceProfileCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteInstanceProfile`: Delete an instance profile (it must hold no role).
 */
export const deleteInstanceProfile = defineAction<DeleteInstanceProfileCommandInput, DeleteInstanceProfileCommandOutput>({
  name: 'iam.deleteInstanceProfile',
  service: 'iam',
  command: 'DeleteInstanceProfileCommand',
  description: 'Delete an instance profile (it must hold no role).',
  input: modelInput('iam', 'DeleteInstanceProfile', { describe: { InstanceProfileName: 'Name of the instance profile.' } }),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteInstanceProfile', input, ctx.signal)
  },
})
