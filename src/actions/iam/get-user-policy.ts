import type { GetUserPolicyCommandInput, GetUserPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { Decoded } from '../policy-document.js'
import { decodePolicyDocument, policyDocumentOutput } from '../policy-document.js'
import { outputSchema, str } from '../schema.js'

/**
 * `iam.getUserPolicy`: get an inline policy of a user; the document is returned decoded.
 */
export const getUserPolicy = defineAction<GetUserPolicyCommandInput, Decoded<GetUserPolicyCommandOutput, 'PolicyDocument'>>({
  name: 'iam.getUserPolicy',
  service: 'iam',
  command: 'GetUserPolicyCommand',
  description: 'Get an inline policy of a user; the document is returned decoded.',
  input: modelInput('iam', 'GetUserPolicy', {
    describe: {
      PolicyName: 'Name of the policy.',
    },
  }),
  output: outputSchema({ UserName: str, PolicyName: str, PolicyDocument: policyDocumentOutput }),
  readOnly: true,
  run: async (ctx, input) => {
    const output = await ctx.clients.call('iam', 'GetUserPolicy', input, ctx.signal)
    return { ...output, PolicyDocument: decodePolicyDocument(output.PolicyDocument) }
  },
})
