import type { DeleteLoginProfileCommandInput, DeleteLoginProfileCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteLoginProfile`: delete a user's console password.
 */
export const deleteLoginProfile = defineAction<DeleteLoginProfileCommandInput, DeleteLoginProfileCommandOutput>({
  name: 'iam.deleteLoginProfile',
  service: 'iam',
  command: 'DeleteLoginProfileCommand',
  description: 'Delete a user\'s console password.',
  input: modelInput('iam', 'DeleteLoginProfile'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteLoginProfile', input, ctx.signal)
  },
})
