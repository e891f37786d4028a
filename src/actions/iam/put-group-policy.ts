import type { PutGroupPolicyCommandInput, PutGroupPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.putGroupPolicy`: add or replace an inline policy of a group.
 * Undone by `iam.deleteGroupPolicy`.
 * If the call replaced an existing inline policy of that name, the undo deletes it rather than
 * restoring the old document (the output does not carry it).
 */
export const putGroupPolicy = defineAction<WithDocuments<PutGroupPolicyCommandInput, 'PolicyDocument'>, PutGroupPolicyCommandOutput>({
  name: 'iam.putGroupPolicy',
  service: 'iam',
  command: 'PutGroupPolicyCommand',
  description: 'Add or replace an inline policy of a group.',
  input: modelInput('iam', 'PutGroupPolicy', {
    override: {
      PolicyDocument: policyDocumentSchema('The permissions policy.'),
    },
  }),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'PutGroupPolicy', { ...input, PolicyDocument: toPolicyText(input.PolicyDocument) }, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.deleteGroupPolicy'],
  undo: (input) => undoCall('iam.deleteGroupPolicy', { GroupName: input.GroupName, PolicyName: input.PolicyName }),
})
