import type { JsonSchema } from '../define-action.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import type { PolicyDocumentInput } from '../policy-document.js'
import { describe } from '../schema.js'
import * as f from './fields.js'

/**
 * Input members shared by `iam.simulatePrincipalPolicy` and `iam.simulateCustomPolicy`
 * (botocore shapes plus the members only the installed SDK knows: PolicyExclusionList,
 * OrderedOrganizationPolicyInputList). Every policy list accepts maps as well as JSON text.
 */

function policyList(description: string): JsonSchema {
  return { type: 'array', items: policyDocumentSchema('A policy document.'), description }
}

export const simulationFields: Record<string, JsonSchema> = {
  PolicyInputList: policyList('Policy documents to simulate (identity-based policies).'),
  PermissionsBoundaryPolicyInputList: policyList('Permissions boundary policy to simulate (at most one).'),
  ActionNames: {
    type: 'array',
    items: { type: 'string', minLength: 3, maxLength: 128 },
    description: 'API actions to evaluate, e.g. s3:ListAllMyBuckets.',
  },
  ResourceArns: {
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 2048 },
    description: 'Resource ARNs to evaluate the actions on (default *).',
  },
  ResourcePolicy: policyDocumentSchema('A resource-based policy to include in the simulation.'),
  ResourceOwner: { type: 'string', minLength: 1, maxLength: 2048, description: 'Account that owns the simulated resources (an account ID or account ARN).' },
  CallerArn: { type: 'string', minLength: 1, maxLength: 2048, description: 'ARN of the IAM user to simulate as the caller (for resource-policy principals).' },
  ContextEntries: {
    type: 'array',
    description: 'Condition context keys and their values for the simulation.',
    items: {
      type: 'object',
      properties: {
        ContextKeyName: { type: 'string', minLength: 5, maxLength: 256, description: 'Full key name, e.g. aws:SourceIp.' },
        ContextKeyValues: { type: 'array', items: { type: 'string' }, description: 'The value(s) of the key.' },
        ContextKeyType: {
          type: 'string',
          enum: ['string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList'],
          description: 'Type of the value(s).',
        },
      },
      additionalProperties: false,
    },
  },
  ResourceHandlingOption: { type: 'string', minLength: 1, maxLength: 64, description: 'Scenario for EC2 resource simulations (e.g. EC2-VPC-InstanceStore).' },
  MaxItems: f.maxItems,
  Marker: f.marker,
}

/** `PolicyExclusionList` (SimulatePrincipalPolicy only): attached policies to leave out. */
export const policyExclusionList: JsonSchema = {
  type: 'array',
  description: "Policies of the principal to leave out of the simulation (each item names one: PolicyType, PolicyArn or InlinePolicyIdentifier).",
  items: {
    type: 'object',
    properties: {
      PolicyType: { type: 'string', enum: ['inline', 'aws-managed', 'user-managed', 'permission-boundary', 'scp', 'rcp'] },
      PolicyArn: describe(f.arn, 'ARN of a managed policy to exclude.'),
      InlinePolicyIdentifier: {
        type: 'object',
        properties: {
          PolicyName: f.policyName,
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
