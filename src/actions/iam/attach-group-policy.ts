import type { AttachGroupPolicyCommandInput, AttachGroupPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.attachGroupPolicy`: attach a managed policy to a group.
 * Undone by `iam.detachGroupPolicy`.
 * Attaching an already attached policy succeeds in AWS; the undo still detaches it.
 */
export const attachGroupPolicy = defineAction<AttachGroupPolicyCommandInput, AttachGroupPolicyCommandOutput>({
  name: 'iam.attachGroupPolicy',
  service: 'iam',
  command: 'AttachGroupPolicyCommand',
  description: 'Attach a managed policy to a group.',
  input: modelInput('iam', 'AttachGroupPolicy', {
    describe: {
      PolicyArn: 'ARN of the managed policy to attach.',
    },
  }),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'AttachGroupPolicy', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.detachGroupPolicy'],
  undo: (input) => undoCall('iam.detachGroupPolicy', { GroupName: input.GroupName, PolicyArn: input.PolicyArn }),
})
