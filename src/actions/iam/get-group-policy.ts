import type { GetGroupPolicyCommandInput, GetGroupPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { Decoded } from '../policy-document.js'
import { decodePolicyDocument, policyDocumentOutput } from '../policy-document.js'
import { outputSchema, str } from '../schema.js'

/**
 * `iam.getGroupPolicy`: get an inline policy of a group; the document is returned decoded.
 */
export const getGroupPolicy = defineAction<GetGroupPolicyCommandInput, Decoded<GetGroupPolicyCommandOutput, 'PolicyDocument'>>({
  name: 'iam.getGroupPolicy',
  service: 'iam',
  command: 'GetGroupPolicyCommand',
  description: 'Get an inline policy of a group; the document is returned decoded.',
  input: modelInput('iam', 'GetGroupPolicy', {
    describe: {
      PolicyName: 'Name of the policy.',
    },
  }),
  output: outputSchema({ GroupName: str, PolicyName: str, PolicyDocument: policyDocumentOutput }),
  readOnly: true,
  run: async (ctx, input) => {
    const output = await ctx.clients.call('iam', 'GetGroupPolicy', input, ctx.signal)
    return { ...output, PolicyDocument: decodePolicyDocument(output.PolicyDocument) }
  },
})
