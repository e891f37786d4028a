import type { CreatePolicyCommandInput, CreatePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import { required, undoCall } from '../outcome.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/**
 * `iam.createPolicy`: create a customer managed policy.
 * Undone by `iam.deletePolicy`.
 */
export const createPolicy = defineAction<WithDocuments<CreatePolicyCommandInput, 'PolicyDocument'>, CreatePolicyCommandOutput>({
  name: 'iam.createPolicy',
  service: 'iam',
  command: 'CreatePolicyCommand',
  description: 'Create a customer managed policy.',
  input: inputSchema(
    {
      PolicyName: describe(f.policyName, 'Name of the new policy.'),
      Path: describe(f.policyPath, 'Path of the policy (default /).'),
      PolicyDocument: policyDocumentSchema('The permissions policy (version v1, the default).'),
      Description: describe(f.policyDescription, 'Description (cannot be changed later).'),
      Tags: f.tags,
    },
    ['PolicyName', 'PolicyDocument'],
  ),
  output: outputSchema({ Policy: s.policy }),
  creates: true,
  run: async (ctx, input) => {
    const { CreatePolicyCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new CreatePolicyCommand({ ...input, PolicyDocument: toPolicyText(input.PolicyDocument) }), { abortSignal: ctx.signal })
  },
  undoActions: ['iam.deletePolicy'],
  undo: (input, output) => undoCall('iam.deletePolicy', { PolicyArn: required(output.Policy?.Arn, 'iam.createPolicy', 'Policy.Arn') }),
})
