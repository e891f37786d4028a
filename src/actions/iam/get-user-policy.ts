import type { GetUserPolicyCommandInput, GetUserPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import type { Decoded } from '../policy-document.js'
import { decodePolicyDocument, policyDocumentOutput } from '../policy-document.js'
import { describe, inputSchema, outputSchema, str } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.getUserPolicy`: get an inline policy of a user; the document is returned decoded.
 */
export const getUserPolicy = defineAction<GetUserPolicyCommandInput, Decoded<GetUserPolicyCommandOutput, 'PolicyDocument'>>({
  name: 'iam.getUserPolicy',
  service: 'iam',
  command: 'GetUserPolicyCommand',
  description: 'Get an inline policy of a user; the document is returned decoded.',
  input: inputSchema(
    {
      UserName: describe(f.existingUserName, 'Name of the IAM user.'),
      PolicyName: describe(f.policyName, 'Name of the policy.'),
    },
    ['UserName', 'PolicyName'],
  ),
  output: outputSchema({ UserName: str, PolicyName: str, PolicyDocument: policyDocumentOutput }),
  readOnly: true,
  run: async (ctx, input) => {
    const { GetUserPolicyCommand } = await import('@aws-sdk/client-iam')
    const output = await ctx.clients.iam.send(new GetUserPolicyCommand(input), { abortSignal: ctx.signal })
    return { ...output, PolicyDocument: decodePolicyDocument(output.PolicyDocument) }
  },
})
