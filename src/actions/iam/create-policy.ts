import type { CreatePolicyCommandInput, CreatePolicyCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { outputSchema } from '../schema.js'
import { required, undoCall } from '../outcome.js'
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
  input: modelInput('iam', 'CreatePolicy', {
    describe: {
      PolicyName: 'Name of the new policy.',
      Path: 'Path of the policy (default /).',
      Description: 'Description (cannot be changed later).',
    },
    override: {
      PolicyDocument: policyDocumentSchema('The permissions policy (version v1, the default).'),
    },
  }),
  output: outputSchema({ Policy: s.policy }),
  creates: true,
  createsName: { member: 'PolicyName', kind: 'policy' },
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'CreatePolicy', { ...input, PolicyDocument: toPolicyText(input.PolicyDocument) }, ctx.signal)
  },
  // The ARN follows from the account, the path and the name.
  recover: async (input, { accountId }) => {
    if (typeof input.PolicyName !== 'string') return undefined
    const path = typeof input.Path === 'string' ? input.Path : '/'
    return [{ action: 'iam.deletePolicy', input: { PolicyArn: `arn:aws:iam::${accountId}:policy${path}${input.PolicyName}` } }]
  },
  dependents: {
    undo: 'iam.deletePolicy',
    // AWS refuses to delete a policy with non-default versions or attachments.
    remove: async ({ PolicyArn }, { calls }) => {
      for (const v of await calls.listAll('iam.listPolicyVersions', { PolicyArn }, 'Versions')) {
        if (!v.IsDefaultVersion) await calls.remove('iam.deletePolicyVersion', { PolicyArn, VersionId: v.VersionId }, 'delete policy version')
      }
      const entities = await calls.pages('iam.listEntitiesForPolicy', { PolicyArn })
      for (const [list, detach, key] of [
        ['PolicyUsers', 'iam.detachUserPolicy', 'UserName'],
        ['PolicyRoles', 'iam.detachRolePolicy', 'RoleName'],
        ['PolicyGroups', 'iam.detachGroupPolicy', 'GroupName'],
      ] as const) {
        for (const e of entities.flatMap((page) => (page[list] as Array<Record<string, unknown>> | undefined) ?? [])) {
          await calls.remove(detach, { PolicyArn, [key]: e[key] }, 'detach policy')
        }
      }
      return 'retry'
    },
  },
  taggable: true,
  sweep: {
    list: { action: 'iam.listPolicies', input: { Scope: 'Local' }, member: 'Policies' },
    tags: (policy) => ({ action: 'iam.listPolicyTags', input: { PolicyArn: policy.Arn } }),
    undo: (policy) => ({ action: 'iam.deletePolicy', input: { PolicyArn: policy.Arn } }),
  },
  undoActions: ['iam.deletePolicy'],
  undo: (input, output) => undoCall('iam.deletePolicy', { PolicyArn: required(output.Policy?.Arn, 'iam.createPolicy', 'Policy.Arn') }),
})
