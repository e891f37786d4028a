import type { AttachUserPolicyCommandInput, AttachUserPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

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
  input: modelInput('iam', 'AttachUserPolicy', {
    describe: {
      PolicyArn: 'ARN of the managed policy to attach.',
    },
  }),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'AttachUserPolicy', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.detachUserPolicy'],
  undo: (input) => undoCall('iam.detachUserPolicy', { UserName: input.UserName, PolicyArn: input.PolicyArn }),
})
