import type { AttachUserPolicyCommandInput, AttachUserPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'
import * as f from './fields.js'

/**
 * `iam.attachUserPolicy`: attach a managed policy to a user.
 * Undone by `iam.detachUserPolicy`.
 * Attaching an already attached policy succeeds in AWS; the undo still detaches it.
 */
export const attachUserPolicy = defineAction<AttachUserPolicyCommandInput, AttachUserPolicyCommandOutput>({
  name: 'iam.attachUserPolicy',
  service: 'iam',
  command: 'AttachUserPolicyCommand',
  description: 'Attach a managed policy to a user.',
  input: inputSchema(
    {
      UserName: describe(f.userName, 'Name of the IAM user.'),
      PolicyArn: describe(f.arn, 'ARN of the managed policy to attach.'),
    },
    ['UserName', 'PolicyArn'],
  ),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { AttachUserPolicyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new AttachUserPolicyCommand(input), { abortSignal: ctx.signal })
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.detachUserPolicy'],
  undo: (input) => undoCall('iam.detachUserPolicy', { UserName: input.UserName, PolicyArn: input.PolicyArn }),
})
