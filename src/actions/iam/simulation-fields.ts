import type { JsonSchema } from '../define-action.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import type { PolicyDocumentInput } from '../policy-document.js'
import { shapeSchema } from '../model-input.js'

/**
 * What `iam.simulatePrincipalPolicy` and `iam.simulateCustomPolicy` add to the model: policy
 * lists that accept maps as well as JSON text, and the members only the installed SDK knows
 * (PolicyExclusionList, OrderedOrganizationPolicyInputList).
 */

function policyList(description: string): JsonSchema {
  return { type: 'array', items: policyDocumentSchema('A policy document.'), description }
}

/**
 * The policy members of both simulations, overriding the model's strings: each document may be
 * a YAML map (sent as JSON) as well as JSON text. The other members come from the model.
 */
export const simulationPolicyOverrides: Record<string, JsonSchema> = {
  PolicyInputList: policyList('Policy documents to simulate (identity-based policies).'),
  PermissionsBoundaryPolicyInputList: policyList('Permissions boundary policy to simulate (at most one).'),
  ResourcePolicy: policyDocumentSchema('A resource-based policy to include in the simulation.'),
}

/** `PolicyExclusionList` (SimulatePrincipalPolicy only): attached policies to leave out. */
export const policyExclusionList: JsonSchema = {
  type: 'array',
  description: "Policies of the principal to leave out of the simulation (each item names one: PolicyType, PolicyArn or InlinePolicyIdentifier).",
  items: {
    type: 'object',
    properties: {
      PolicyType: { type: 'string', enum: ['inline', 'aws-managed', 'user-managed', 'permission-boundary', 'scp', 'rcp'] },
      PolicyArn: shapeSchema('iam', 'arnType', 'ARN of a managed policy to exclude.'),
      InlinePolicyIdentifier: {
        type: 'object',
        properties: {
          PolicyName: shapeSchema('iam', 'policyNameType'),
          AttachmentType: { type: 'string', enum: ['user', 'group', 'role'] },
          AttachmentName: { type: 'string', minLength: 1, maxLength: 128 },
        },
        required: ['PolicyName', 'AttachmentType', 'AttachmentName'],
        additionalProperties: false,
      },
    },
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
  },
}

/** `OrderedOrganizationPolicyInputList` (SimulateCustomPolicy only): SCPs per organization level. */
export const orderedOrganizationPolicyInputList: JsonSchema = {
  type: 'array',
  description: 'Service control policies to simulate, one entry per level of the organization (root first).',
  items: {
    type: 'object',
    properties: { ServiceControlPolicyInputList: { type: 'array', items: policyDocumentSchema('An SCP document.') } },
    additionalProperties: false,
  },
}

/** JSON text for each document of a policy list. */
export function toPolicyTexts(list: readonly PolicyDocumentInput[] | undefined): string[] | undefined {
  return list?.map((doc) => toPolicyText(doc))
}
