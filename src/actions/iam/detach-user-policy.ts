import type { DetachUserPolicyCommandInput, DetachUserPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.detachUserPolicy`: detach a managed policy from a user.
 */
export const detachUserPolicy = defineAction<DetachUserPolicyCommandInput, DetachUserPolicyCommandOutput>({
  name: 'iam.detachUserPolicy',
  service: 'iam',
  command: 'DetachUserPolicyCommand',
  description: 'Detach a managed policy from a user.',
  input: inputSchema(
    {
      UserName: describe(f.userName, 'Name of the IAM user.'),
      PolicyArn: describe(f.arn, 'ARN of the managed policy to detach.'),
    },
    ['UserName', 'PolicyArn'],
  ),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { DetachUserPolicyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new DetachUserPolicyCommand(input), { abortSignal: ctx.signal })
  },
})
