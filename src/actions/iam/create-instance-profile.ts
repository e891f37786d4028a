import type { CreateInstanceProfileCommandInput, CreateInstanceProfileCommandOutput, Role } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { undoCall } from '../outcome.js'
import { list, obj, outputSchema, str, timestamp } from '../schema.js'
import { decodeRole } from './decode.js'
import * as s from './shapes.js'

/** botocore's `InstanceProfile` (its roles decoded like `iam.getRole`'s). */
const instanceProfile = obj({
  Path: str,
  InstanceProfileName: str,
  InstanceProfileId: str,
  Arn: str,
  CreateDate: timestamp,
  Roles: list(s.role),
  Tags: s.tagList,
})

/**
 * `iam.createInstanceProfile`: create an instance profile (the container that hands one role
 * to an EC2 instance). Undone by `iam.deleteInstanceProfile`; a role added to it outside the
 * ledger is removed first.
 */
export const createInstanceProfile = defineAction<CreateInstanceProfileCommandInput, CreateInstanceProfileCommandOutput>({
  name: 'iam.createInstanceProfile',
  service: 'iam',
  command: 'CreateInstanceProfileCommand',
  description: 'Create an instance profile (holds at most one role for EC2).',
  input: modelInput('iam', 'CreateInstanceProfile', {
    describe: { InstanceProfileName: 'Name of the new instance profile.' },
  }),
  output: outputSchema({ InstanceProfile: instanceProfile }),
  creates: true,
  createsName: { member: 'InstanceProfileName', kind: 'instance-profile' },
  changes: ['permissions'],
  run: async (ctx, input) => {
    const output = await ctx.clients.call('iam', 'CreateInstanceProfile', input, ctx.signal)
    const profile = output.InstanceProfile
    return profile ? { ...output, InstanceProfile: { ...profile, Roles: (profile.Roles ?? []).map((r) => decodeRole(r) as unknown as Role) } } : output
  },
  recover: 'from-input',
  dependents: {
    undo: 'iam.deleteInstanceProfile',
    // AWS refuses to delete a profile that holds a role.
    remove: async ({ InstanceProfileName }, { calls }) => {
      const out = await calls.read('iam.getInstanceProfile', { InstanceProfileName })
      const roles = ((out.InstanceProfile as { Roles?: Array<{ RoleName: string }> } | undefined)?.Roles ?? [])
      for (const role of roles) {
        await calls.remove('iam.removeRoleFromInstanceProfile', { InstanceProfileName, RoleName: role.RoleName }, 'remove role from instance profile')
      }
      return roles.length > 0 ? 'retry' : 'none'
    },
  },
  taggable: true,
  sweep: {
    list: { action: 'iam.listInstanceProfiles', input: {}, member: 'InstanceProfiles' },
    tags: (profile) => ({ action: 'iam.listInstanceProfileTags', input: { InstanceProfileName: profile.InstanceProfileName } }),
    undo: (profile) => ({ action: 'iam.deleteInstanceProfile', input: { InstanceProfileName: profile.InstanceProfileName } }),
  },
  undoActions: ['iam.deleteInstanceProfile'],
  undo: (input) => undoCall('iam.deleteInstanceProfile', { InstanceProfileName: input.InstanceProfileName }),
})
