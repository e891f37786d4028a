import type { UntagPolicyCommandInput, UntagPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.untagPolicy`: remove tags from a managed policy.
 */
export const untagPolicy = defineAction<UntagPolicyCommandInput, UntagPolicyCommandOutput>({
  name: 'iam.untagPolicy',
  service: 'iam',
  command: 'UntagPolicyCommand',
  description: 'Remove tags from a managed policy.',
  input: inputSchema(
    {
      PolicyArn: describe(f.arn, 'ARN of the managed policy.'),
      TagKeys: f.tagKeys,
    },
    ['PolicyArn', 'TagKeys'],
  ),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { UntagPolicyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new UntagPolicyCommand(input), { abortSignal: ctx.signal })
  },
})
