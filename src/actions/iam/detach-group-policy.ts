import type { DetachGroupPolicyCommandInput, DetachGroupPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.detachGroupPolicy`: detach a managed policy from a group.
 */
export const detachGroupPolicy = defineAction<DetachGroupPolicyCommandInput, DetachGroupPolicyCommandOutput>({
  name: 'iam.detachGroupPolicy',
  service: 'iam',
  command: 'DetachGroupPolicyCommand',
  description: 'Detach a managed policy from a group.',
  input: modelInput('iam', 'DetachGroupPolicy', {
    describe: {
      PolicyArn: 'ARN of the managed policy to detach.',
    },
  }),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DetachGroupPolicy', input, ctx.signal)
  },
})
