import type { DeletePolicyCommandInput, DeletePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deletePolicy`: delete a customer managed policy (detached, with only its default version left).
 */
export const deletePolicy = defineAction<DeletePolicyCommandInput, DeletePolicyCommandOutput>({
  name: 'iam.deletePolicy',
  service: 'iam',
  command: 'DeletePolicyCommand',
  description: 'Delete a customer managed policy (detached, with only its default version left).',
  input: modelInput('iam', 'DeletePolicy'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeletePolicy', input, ctx.signal)
  },
})
