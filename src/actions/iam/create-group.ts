import type { CreateGroupCommandInput, CreateGroupCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'
import * as s from './shapes.js'

/**
 * `iam.createGroup`: create an IAM group.
 * Undone by `iam.deleteGroup`.
 */
export const createGroup = defineAction<CreateGroupCommandInput, CreateGroupCommandOutput>({
  name: 'iam.createGroup',
  service: 'iam',
  command: 'CreateGroupCommand',
  description: 'Create an IAM group.',
  input: modelInput('iam', 'CreateGroup', {
    describe: {
      GroupName: 'Name of the new group.',
    },
  }),
  output: outputSchema({ Group: s.group }),
  creates: true,
  createsName: { member: 'GroupName', kind: 'group' },
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'CreateGroup', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: {
    undo: 'iam.deleteGroup',
    // AWS refuses to delete a group with members or policies.
    remove: async ({ GroupName }, { calls }) => {
      for (const u of await calls.listAll('iam.getGroup', { GroupName }, 'Users')) {
        await calls.remove('iam.removeUserFromGroup', { GroupName, UserName: u.UserName }, 'remove member')
      }
      for (const name of await calls.listAll('iam.listGroupPolicies', { GroupName }, 'PolicyNames')) {
        await calls.remove('iam.deleteGroupPolicy', { GroupName, PolicyName: name }, 'delete inline policy')
      }
      for (const p of await calls.listAll('iam.listAttachedGroupPolicies', { GroupName }, 'AttachedPolicies')) {
        await calls.remove('iam.detachGroupPolicy', { GroupName, PolicyArn: p.PolicyArn }, 'detach policy')
      }
      return 'retry'
    },
  },
  // CreateGroup takes no tags, so a run cannot mark its groups.
  taggable: false,
  undoActions: ['iam.deleteGroup'],
  undo: (input) => undoCall('iam.deleteGroup', { GroupName: input.GroupName }),
})
