import type { PutUserPolicyCommandInput, PutUserPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.putUserPolicy`: add or replace an inline policy of a user.
 * Undone by `iam.deleteUserPolicy`.
 * If the call replaced an existing inline policy of that name, the undo deletes it rather than
 * restoring the old document (the output does not carry it).
 */
export const putUserPolicy = defineAction<WithDocuments<PutUserPolicyCommandInput, 'PolicyDocument'>, PutUserPolicyCommandOutput>({
  name: 'iam.putUserPolicy',
  service: 'iam',
  command: 'PutUserPolicyCommand',
  description: 'Add or replace an inline policy of a user.',
  input: modelInput('iam', 'PutUserPolicy', {
    override: {
      PolicyDocument: policyDocumentSchema('The permissions policy.'),
    },
  }),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'PutUserPolicy', { ...input, PolicyDocument: toPolicyText(input.PolicyDocument) }, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.deleteUserPolicy'],
  undo: (input) => undoCall('iam.deleteUserPolicy', { UserName: input.UserName, PolicyName: input.PolicyName }),
})
