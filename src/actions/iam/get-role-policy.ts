import type { GetRolePolicyCommandInput, GetRolePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { Decoded } from '../policy-document.js'
import { decodePolicyDocument, policyDocumentOutput } from '../policy-document.js'
import { outputSchema, str } from '../schema.js'

/**
 * `iam.getRolePolicy`: get an inline policy of a role; the document is returned decoded.
 */
export const getRolePolicy = defineAction<GetRolePolicyCommandInput, Decoded<GetRolePolicyCommandOutput, 'PolicyDocument'>>({
  name: 'iam.getRolePolicy',
  service: 'iam',
  command: 'GetRolePolicyCommand',
  description: 'Get an inline policy of a role; the document is returned decoded.',
  input: modelInput('iam', 'GetRolePolicy', {
    describe: {
      PolicyName: 'Name of the policy.',
    },
  }),
  output: outputSchema({ RoleName: str, PolicyName: str, PolicyDocument: policyDocumentOutput }),
  readOnly: true,
  run: async (ctx, input) => {
    const output = await ctx.clients.call('iam', 'GetRolePolicy', input, ctx.signal)
    return { ...output, PolicyDocument: decodePolicyDocument(output.PolicyDocument) }
  },
})
