import type { UpdateAssumeRolePolicyCommandInput, UpdateAssumeRolePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.updateAssumeRolePolicy`: replace a role's trust policy.
 * Not undone: the previous document is not in the output, and deleting the role (the undo of
 * its creation) removes the trust policy with it.
 */
export const updateAssumeRolePolicy = defineAction<WithDocuments<UpdateAssumeRolePolicyCommandInput, 'PolicyDocument'>, UpdateAssumeRolePolicyCommandOutput>({
  name: 'iam.updateAssumeRolePolicy',
  service: 'iam',
  command: 'UpdateAssumeRolePolicyCommand',
  description: 'Replace a role\'s trust policy.',
  input: modelInput('iam', 'UpdateAssumeRolePolicy', {
    override: {
      PolicyDocument: policyDocumentSchema('The new trust policy.'),
    },
  }),
  output: outputSchema({}),
  changes: ['permissions', 'trust'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'UpdateAssumeRolePolicy', { ...input, PolicyDocument: toPolicyText(input.PolicyDocument) }, ctx.signal)
  },
})
