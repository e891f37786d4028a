import type { CreateRoleCommandInput, CreateRoleCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'
import * as s from './shapes.js'
import type { RoleView } from './decode.js'
import { decodeRole } from './decode.js'

/**
 * `iam.createRole`: create an IAM role with a trust policy.
 * Undone by `iam.deleteRole`.
 */
export const createRole = defineAction<WithDocuments<CreateRoleCommandInput, 'AssumeRolePolicyDocument'>, Omit<CreateRoleCommandOutput, 'Role'> & { Role?: RoleView }>({
  name: 'iam.createRole',
  service: 'iam',
  command: 'CreateRoleCommand',
  description: 'Create an IAM role with a trust policy.',
  input: modelInput('iam', 'CreateRole', {
    describe: {
      RoleName: 'Name of the new role.',
      Description: 'Description of the role.',
      MaxSessionDuration: 'Longest session, in seconds, that AssumeRole may ask for (3600..43200, default 3600).',
      PermissionsBoundary: 'ARN of a managed policy to set as the role\'s permissions boundary.',
    },
    override: {
      AssumeRolePolicyDocument: policyDocumentSchema('Trust policy: who may assume the role.'),
    },
  }),
  output: outputSchema({ Role: s.role }),
  creates: true,
  createsName: { member: 'RoleName', kind: 'role' },
  changes: ['permissions', 'trust'],
  run: async (ctx, input) => {
    const output = await ctx.clients.call('iam', 'CreateRole', { ...input, AssumeRolePolicyDocument: toPolicyText(input.AssumeRolePolicyDocument) }, ctx.signal)
    return { ...output, Role: decodeRole(output.Role) }
  },
  recover: 'from-input',
  dependents: {
    undo: 'iam.deleteRole',
    // AWS refuses to delete a role with policies or instance profiles.
    remove: async ({ RoleName }, { calls }) => {
      for (const name of await calls.listAll('iam.listRolePolicies', { RoleName }, 'PolicyNames')) {
        await calls.remove('iam.deleteRolePolicy', { RoleName, PolicyName: name }, 'delete inline policy')
      }
      for (const p of await calls.listAll('iam.listAttachedRolePolicies', { RoleName }, 'AttachedPolicies')) {
        await calls.remove('iam.detachRolePolicy', { RoleName, PolicyArn: p.PolicyArn }, 'detach policy')
      }
      for (const ip of await calls.listAll('iam.listInstanceProfilesForRole', { RoleName }, 'InstanceProfiles')) {
        await calls.remove('iam.removeRoleFromInstanceProfile', { RoleName, InstanceProfileName: ip.InstanceProfileName }, 'remove from instance profile')
      }
      return 'retry'
    },
  },
  taggable: true,
  sweep: {
    list: { action: 'iam.listRoles', input: {}, member: 'Roles' },
    tags: (role) => ({ action: 'iam.listRoleTags', input: { RoleName: role.RoleName } }),
    undo: (role) => ({ action: 'iam.deleteRole', input: { RoleName: role.RoleName } }),
  },
  undoActions: ['iam.deleteRole'],
  undo: (input) => undoCall('iam.deleteRole', { RoleName: input.RoleName }),
})
