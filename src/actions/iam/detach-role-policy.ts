import type { DetachRolePolicyCommandInput, DetachRolePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.detachRolePolicy`: detach a managed policy from a role.
 */
export const detachRolePolicy = defineAction<DetachRolePolicyCommandInput, DetachRolePolicyCommandOutput>({
  name: 'iam.detachRolePolicy',
  service: 'iam',
  command: 'DetachRolePolicyCommand',
  description: 'Detach a managed policy from a role.',
  input: inputSchema(
    {
      RoleName: describe(f.roleName, 'Name of the IAM role.'),
      PolicyArn: describe(f.arn, 'ARN of the managed policy to detach.'),
    },
    ['RoleName', 'PolicyArn'],
  ),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { DetachRolePolicyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new DetachRolePolicyCommand(input), { abortSignal: ctx.signal })
  },
})
