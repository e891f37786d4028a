import type { DetachRolePolicyCommandInput, DetachRolePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.detachRolePolicy`: detach a managed policy from a role.
 */
export const detachRolePolicy = defineAction<DetachRolePolicyCommandInput, DetachRolePolicyCommandOutput>({
  name: 'iam.detachRolePolicy',
  service: 'iam',
  command: 'DetachRolePolicyCommand',
  description: 'Detach a managed policy from a role.',
  input: modelInput('iam', 'DetachRolePolicy', {
    describe: {
      PolicyArn: 'ARN of the managed policy to detach.',
    },
  }),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DetachRolePolicy', input, ctx.signal)
  },
})
