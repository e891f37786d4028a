import type { DeleteGroupPolicyCommandInput, DeleteGroupPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteGroupPolicy`: delete an inline policy of a group.
 */
export const deleteGroupPolicy = defineAction<DeleteGroupPolicyCommandInput, DeleteGroupPolicyCommandOutput>({
  name: 'iam.deleteGroupPolicy',
  service: 'iam',
  command: 'DeleteGroupPolicyCommand',
  description: 'Delete an inline policy of a group.',
  input: modelInput('iam', 'DeleteGroupPolicy'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteGroupPolicy', input, ctx.signal)
  },
})
