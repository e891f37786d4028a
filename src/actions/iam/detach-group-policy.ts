import type { DetachGroupPolicyCommandInput, DetachGroupPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.detachGroupPolicy`: detach a managed policy from a group.
 */
export const detachGroupPolicy = defineAction<DetachGroupPolicyCommandInput, DetachGroupPolicyCommandOutput>({
  name: 'iam.detachGroupPolicy',
  service: 'iam',
  command: 'DetachGroupPolicyCommand',
  description: 'Detach a managed policy from a group.',
  input: inputSchema(
    {
      GroupName: describe(f.groupName, 'Name of the IAM group.'),
      PolicyArn: describe(f.arn, 'ARN of the managed policy to detach.'),
    },
    ['GroupName', 'PolicyArn'],
  ),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { DetachGroupPolicyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new DetachGroupPolicyCommand(input), { abortSignal: ctx.signal })
  },
})
