import type { CreateUserCommandInput, CreateUserCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { undoCall } from '../outcome.js'
import { outputSchema } from '../schema.js'
import * as s from './shapes.js'

/** iam.createUser: a new IAM user; undone by iam.deleteUser. */
export const createUser = defineAction<CreateUserCommandInput, CreateUserCommandOutput>({
  name: 'iam.createUser',
  service: 'iam',
  command: 'CreateUserCommand',
  description: 'Create an IAM user.',
  input: modelInput('iam', 'CreateUser', {
    describe: {
      UserName: 'Name of the new user (unique in the account, case-insensitively).',
      Path: 'Path of the user, e.g. /engineering/ (default /).',
      PermissionsBoundary: 'ARN of a managed policy to set as the user\'s permissions boundary.',
    },
  }),
  output: outputSchema({ User: s.user }),
  creates: true,
  createsName: { member: 'UserName', kind: 'user' },
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'CreateUser', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: {
    undo: 'iam.deleteUser',
    // AWS refuses to delete a user with keys, a login profile, policies, groups or MFA devices.
    remove: async ({ UserName }, { calls }) => {
      for (const k of await calls.listAll('iam.listAccessKeys', { UserName }, 'AccessKeyMetadata')) {
        await calls.remove('iam.deleteAccessKey', { UserName, AccessKeyId: k.AccessKeyId }, 'delete access key')
      }
      await calls.remove('iam.deleteLoginProfile', { UserName }, 'delete login profile')
      for (const name of await calls.listAll('iam.listUserPolicies', { UserName }, 'PolicyNames')) {
        await calls.remove('iam.deleteUserPolicy', { UserName, PolicyName: name }, 'delete inline policy')
      }
      for (const p of await calls.listAll('iam.listAttachedUserPolicies', { UserName }, 'AttachedPolicies')) {
        await calls.remove('iam.detachUserPolicy', { UserName, PolicyArn: p.PolicyArn }, 'detach policy')
      }
      for (const g of await calls.listAll('iam.listGroupsForUser', { UserName }, 'Groups')) {
        await calls.remove('iam.removeUserFromGroup', { UserName, GroupName: g.GroupName }, 'remove from group')
      }
      for (const m of await calls.listAll('iam.listMFADevices', { UserName }, 'MFADevices')) {
        await calls.remove('iam.deactivateMFADevice', { UserName, SerialNumber: m.SerialNumber }, 'deactivate MFA device')
      }
      return 'retry'
    },
  },
  taggable: true,
  sweep: {
    list: { action: 'iam.listUsers', input: {}, member: 'Users' },
    tags: (user) => ({ action: 'iam.listUserTags', input: { UserName: user.UserName } }),
    undo: (user) => ({ action: 'iam.deleteUser', input: { UserName: user.UserName } }),
  },
  undoActions: ['iam.deleteUser'],
  undo: (input) => undoCall('iam.deleteUser', { UserName: input.UserName }),
})
