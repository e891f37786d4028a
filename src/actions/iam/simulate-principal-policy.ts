import type { SimulatePrincipalPolicyCommandInput, SimulatePrincipalPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { toPolicyText } from '../policy-document.js'
import type { PolicyDocumentInput, WithDocuments } from '../policy-document.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'
import { policyExclusionList, simulationPolicyOverrides, toPolicyTexts } from './simulation-fields.js'

type Input = Omit<WithDocuments<SimulatePrincipalPolicyCommandInput, 'ResourcePolicy'>, 'PolicyInputList' | 'PermissionsBoundaryPolicyInputList'> & {
  PolicyInputList?: PolicyDocumentInput[]
  PermissionsBoundaryPolicyInputList?: PolicyDocumentInput[]
}

/**
 * `iam.simulatePrincipalPolicy`: how the policies of a user, group or role decide API actions
 * (`EvaluationResults.N.EvalDecision`: allowed, explicitDeny or implicitDeny).
 */
export const simulatePrincipalPolicy = defineAction<Input, SimulatePrincipalPolicyCommandOutput>({
  name: 'iam.simulatePrincipalPolicy',
  service: 'iam',
  command: 'SimulatePrincipalPolicyCommand',
  description: "Simulate how a user's, group's or role's policies decide API actions.",
  input: modelInput('iam', 'SimulatePrincipalPolicy', {
    describe: {
      PolicySourceArn: 'ARN of the user, group or role whose policies are simulated.',
    },
    override: {
      ...simulationPolicyOverrides,
      PolicyInputList: { ...simulationPolicyOverrides.PolicyInputList, description: "Extra policy documents to simulate along with the principal's own." },
    },
    sdkOnly: {
      PolicyExclusionList: policyExclusionList,
    },
  }),
  output: outputSchema({ EvaluationResults: list(s.evaluationResult), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    const request = {
      ...input,
      PolicyInputList: toPolicyTexts(input.PolicyInputList),
      PermissionsBoundaryPolicyInputList: toPolicyTexts(input.PermissionsBoundaryPolicyInputList),
      ResourcePolicy: toPolicyText(input.ResourcePolicy),
    }
    return ctx.clients.call('iam', 'SimulatePrincipalPolicy', request, ctx.signal)
  },
})
