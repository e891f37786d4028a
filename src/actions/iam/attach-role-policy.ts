import type { AttachRolePolicyCommandInput, AttachRolePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.attachRolePolicy`: attach a managed policy to a role.
 * Undone by `iam.detachRolePolicy`.
 * Attaching an already attached policy succeeds in AWS; the undo still detaches it.
 */
export const attachRolePolicy = defineAction<AttachRolePolicyCommandInput, AttachRolePolicyCommandOutput>({
  name: 'iam.attachRolePolicy',
  service: 'iam',
  command: 'AttachRolePolicyCommand',
  description: 'Attach a managed policy to a role.',
  input: modelInput('iam', 'AttachRolePolicy', {
    describe: {
      PolicyArn: 'ARN of the managed policy to attach.',
    },
  }),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'AttachRolePolicy', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.detachRolePolicy'],
  undo: (input) => undoCall('iam.detachRolePolicy', { RoleName: input.RoleName, PolicyArn: input.PolicyArn }),
})
