import type { DetachUserPolicyCommandInput, DetachUserPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.detachUserPolicy`: detach a managed policy from a user.
 */
export const detachUserPolicy = defineAction<DetachUserPolicyCommandInput, DetachUserPolicyCommandOutput>({
  name: 'iam.detachUserPolicy',
  service: 'iam',
  command: 'DetachUserPolicyCommand',
  description: 'Detach a managed policy from a user.',
  input: modelInput('iam', 'DetachUserPolicy', {
    describe: {
      PolicyArn: 'ARN of the managed policy to detach.',
    },
  }),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DetachUserPolicy', input, ctx.signal)
  },
})
