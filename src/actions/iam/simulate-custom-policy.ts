import type { SimulateCustomPolicyCommandInput, SimulateCustomPolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { toPolicyText } from '../policy-document.js'
import type { PolicyDocumentInput, WithDocuments } from '../policy-document.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'
import { orderedOrganizationPolicyInputList, simulationPolicyOverrides, toPolicyTexts } from './simulation-fields.js'

type Input = Omit<
  WithDocuments<SimulateCustomPolicyCommandInput, 'ResourcePolicy'>,
  'PolicyInputList' | 'PermissionsBoundaryPolicyInputList' | 'OrderedOrganizationPolicyInputList'
> & {
  PolicyInputList: PolicyDocumentInput[]
  PermissionsBoundaryPolicyInputList?: PolicyDocumentInput[]
  OrderedOrganizationPolicyInputList?: Array<{ ServiceControlPolicyInputList?: PolicyDocumentInput[] }>
}

/**
 * `iam.simulateCustomPolicy`: how the given policy documents decide API actions, without any
 * principal (`EvaluationResults.N.EvalDecision`).
 */
export const simulateCustomPolicy = defineAction<Input, SimulateCustomPolicyCommandOutput>({
  name: 'iam.simulateCustomPolicy',
  service: 'iam',
  command: 'SimulateCustomPolicyCommand',
  description: 'Simulate how the given policy documents decide API actions.',
  input: modelInput('iam', 'SimulateCustomPolicy', {
    override: simulationPolicyOverrides,
    sdkOnly: {
      OrderedOrganizationPolicyInputList: orderedOrganizationPolicyInputList,
    },
  }),
  output: outputSchema({ EvaluationResults: list(s.evaluationResult), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    const request = {
      ...input,
      PolicyInputList: toPolicyTexts(input.PolicyInputList),
      PermissionsBoundaryPolicyInputList: toPolicyTexts(input.PermissionsBoundaryPolicyInputList),
      OrderedOrganizationPolicyInputList: input.OrderedOrganizationPolicyInputList?.map((level) => ({
        ServiceControlPolicyInputList: toPolicyTexts(level.ServiceControlPolicyInputList),
      })),
      ResourcePolicy: toPolicyText(input.ResourcePolicy),
    }
    return ctx.clients.call('iam', 'SimulateCustomPolicy', request, ctx.signal)
  },
})
