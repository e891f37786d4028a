import type { UntagPolicyCommandInput, UntagPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.untagPolicy`: remove tags from a managed policy.
 */
export const untagPolicy = defineAction<UntagPolicyCommandInput, UntagPolicyCommandOutput>({
  name: 'iam.untagPolicy',
  service: 'iam',
  command: 'UntagPolicyCommand',
  description: 'Remove tags from a managed policy.',
  input: modelInput('iam', 'UntagPolicy'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'UntagPolicy', input, ctx.signal)
  },
})
