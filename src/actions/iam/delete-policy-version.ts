import type { DeletePolicyVersionCommandInput, DeletePolicyVersionCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deletePolicyVersion`: delete a non-default version of a managed policy.
 */
export const deletePolicyVersion = defineAction<DeletePolicyVersionCommandInput, DeletePolicyVersionCommandOutput>({
  name: 'iam.deletePolicyVersion',
  service: 'iam',
  command: 'DeletePolicyVersionCommand',
  description: 'Delete a non-default version of a managed policy.',
  input: modelInput('iam', 'DeletePolicyVersion'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeletePolicyVersion', input, ctx.signal)
  },
})
