import type { PutRolePolicyCommandInput, PutRolePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.putRolePolicy`: add or replace an inline policy of a role.
 * Undone by `iam.deleteRolePolicy`.
 * If the call replaced an existing inline policy of that name, the undo deletes it rather than
 * restoring the old document (the output does not carry it).
 */
export const putRolePolicy = defineAction<WithDocuments<PutRolePolicyCommandInput, 'PolicyDocument'>, PutRolePolicyCommandOutput>({
  name: 'iam.putRolePolicy',
  service: 'iam',
  command: 'PutRolePolicyCommand',
  description: 'Add or replace an inline policy of a role.',
  input: modelInput('iam', 'PutRolePolicy', {
    override: {
      PolicyDocument: policyDocumentSchema('The permissions policy.'),
    },
  }),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'PutRolePolicy', { ...input, PolicyDocument: toPolicyText(input.PolicyDocument) }, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.deleteRolePolicy'],
  undo: (input) => undoCall('iam.deleteRolePolicy', { RoleName: input.RoleName, PolicyName: input.PolicyName }),
})
