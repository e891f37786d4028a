import { arns } from '../../arn.js'
import { uniqueId } from '../../ids.js'
import type { AccountState, InstanceProfileEntity } from '../../state/model.js'
import { AwsServiceError, type OpContext } from '../types.js'
import { authorize, authorizeRole, type Context } from './access.js'
import { extrasOf } from './account-extras.js'
import { defineOps } from './define-ops.js'
import { iamErrors } from './errors.js'
import { date, roleOut, tagsOut } from './output.js'
import { paginate, paginateInOrder } from './paginate.js'
import { assertModifiable } from './protected-roles.js'
import { accountOf, findRole, key, requireRole } from './store.js'
import { mergeTags, removeTags, requestTagContext, requestTags, resourceTagContext } from './tags.js'

/**
 * Instance profiles: containers for one role that EC2 hands to an instance (IAM User Guide,
 * "Using instance profiles"). The ARN is `arn:aws:iam::<account>:instance-profile/<path><name>`,
 * the unique id starts with AIPA, and a profile holds at most one role.
 */

/** Instance profiles per account (IAM quotas). */
export const MAX_INSTANCE_PROFILES = 1000
/** Roles per instance profile (a fixed AWS limit). */
export const ROLES_PER_INSTANCE_PROFILE = 1

export function findInstanceProfile(account: AccountState, name: string): InstanceProfileEntity | undefined {
  return extrasOf(account).instanceProfiles.find((p) => key(p.name) === key(name))
}

function requireProfile(account: AccountState, name: string): InstanceProfileEntity {
  const profile = findInstanceProfile(account, name)
  if (!profile) throw new AwsServiceError('NoSuchEntity', 404, `Instance Profile ${name} cannot be found.`)
  return profile
}

/** Authorize on the profile's ARN (its real path when it exists) with its tags as `aws:ResourceTag/*`. */
function authorizeProfile(ctx: OpContext, action: string, name: string, extra: Context = {}): void {
  const account = accountOf(ctx)
  const profile = findInstanceProfile(account, name)
  authorize(ctx, action, profile?.arn ?? arns.instanceProfile(account.id, '/', name), { ...resourceTagContext(profile?.tags), ...extra })
}

/** The profiles that hold the role (lower-cased name). */
export function profilesOfRole(account: AccountState, roleName: string): InstanceProfileEntity[] {
  if (!account.iam) return []
  return account.iam.instanceProfiles.filter((p) => p.roles.includes(key(roleName)))
}

/** An InstanceProfile output member (GetInstanceProfile, ListInstanceProfiles, GetAccountAuthorizationDetails). */
export function profileOut(account: AccountState, profile: InstanceProfileEntity, withTags: boolean) {
  const roles = profile.roles.flatMap((r) => {
    const role = account.roles.get(r)
    return role ? [roleOut(role, 'list')] : []
  })
  return {
    Path: profile.path,
    InstanceProfileName: profile.name,
    InstanceProfileId: profile.id,
    Arn: profile.arn,
    CreateDate: date(profile.createDate),
    Roles: roles,
    Tags: withTags ? tagsOut(profile.tags) : undefined,
  }
}

const byName = (p: InstanceProfileEntity) => key(p.name)

export const instanceProfileOperations = defineOps({
  CreateInstanceProfile(ctx, input) {
    const account = accountOf(ctx)
    const path = input.Path ?? '/'
    const tags = requestTags(input.Tags)
    const arn = arns.instanceProfile(account.id, path, input.InstanceProfileName)
    authorize(ctx, 'CreateInstanceProfile', arn, requestTagContext(tags))
    if (findInstanceProfile(account, input.InstanceProfileName)) {
      throw new AwsServiceError('EntityAlreadyExists', 409, `Instance Profile ${input.InstanceProfileName} already exists.`)
    }
    const profiles = extrasOf(account).instanceProfiles
    if (profiles.length >= MAX_INSTANCE_PROFILES) throw iamErrors.quota('InstanceProfilesPerAccount', MAX_INSTANCE_PROFILES)
    const profile: InstanceProfileEntity = { name: input.InstanceProfileName, id: uniqueId('AIPA'), arn, path, createDate: ctx.now, tags, roles: [] }
    profiles.push(profile)
    return { InstanceProfile: profileOut(account, profile, true) }
  },

  GetInstanceProfile(ctx, input) {
    authorizeProfile(ctx, 'GetInstanceProfile', input.InstanceProfileName)
    const account = accountOf(ctx)
    const profile = profileOut(account, requireProfile(account, input.InstanceProfileName), true)
    // GetInstanceProfile answers `Tags: []` for an untagged profile (recorded from AWS: LocalStack's IAM instance-profile snapshots).
    return { InstanceProfile: { ...profile, Tags: profile.Tags ?? [] } }
  },

  DeleteInstanceProfile(ctx, input) {
    authorizeProfile(ctx, 'DeleteInstanceProfile', input.InstanceProfileName)
    const account = accountOf(ctx)
    const profile = requireProfile(account, input.InstanceProfileName)
    if (profile.roles.length > 0) throw iamErrors.deleteConflict('Cannot delete entity, must remove roles from instance profile first.')
    const profiles = extrasOf(account).instanceProfiles
    profiles.splice(profiles.indexOf(profile), 1)
    return undefined
  },

  ListInstanceProfiles(ctx, input) {
    const account = accountOf(ctx)
    const prefix = input.PathPrefix ?? '/'
    authorize(ctx, 'ListInstanceProfiles', `arn:aws:iam::${account.id}:instance-profile${prefix}`)
    const matching = extrasOf(account).instanceProfiles.filter((p) => p.path.startsWith(prefix))
    const page = paginate(matching, byName, input)
    return { InstanceProfiles: page.items.map((p) => profileOut(account, p, false)), IsTruncated: page.IsTruncated, Marker: page.Marker }
  },

  ListInstanceProfilesForRole(ctx, input) {
    authorizeRole(ctx, 'ListInstanceProfilesForRole', input.RoleName)
    const account = accountOf(ctx)
    requireRole(account, input.RoleName)
    const page = paginate(profilesOfRole(account, input.RoleName), byName, input)
    return { InstanceProfiles: page.items.map((p) => profileOut(account, p, false)), IsTruncated: page.IsTruncated, Marker: page.Marker }
  },

  AddRoleToInstanceProfile(ctx, input) {
    const account = accountOf(ctx)
    authorizeProfile(ctx, 'AddRoleToInstanceProfile', input.InstanceProfileName)
    const profile = requireProfile(account, input.InstanceProfileName)
    const role = requireRole(account, input.RoleName)
    // The caller hands the role to whoever uses the profile (API Reference: needs iam:PassRole on it).
    authorize(ctx, 'PassRole', role.arn, { 'iam:PassedToService': 'ec2.amazonaws.com', ...resourceTagContext(role.tags) })
    assertModifiable(role)
    if (profile.roles.length >= ROLES_PER_INSTANCE_PROFILE) throw iamErrors.quota('InstanceSessionsPerInstanceProfile', ROLES_PER_INSTANCE_PROFILE)
    profile.roles.push(key(role.name))
    return undefined
  },

  RemoveRoleFromInstanceProfile(ctx, input) {
    const account = accountOf(ctx)
    authorizeProfile(ctx, 'RemoveRoleFromInstanceProfile', input.InstanceProfileName)
    const profile = requireProfile(account, input.InstanceProfileName)
    if (!findRole(account, input.RoleName) && !profile.roles.includes(key(input.RoleName))) throw iamErrors.noSuchEntity('role', input.RoleName)
    const at = profile.roles.indexOf(key(input.RoleName))
    if (at < 0) throw new AwsServiceError('NoSuchEntity', 404, `The role with name ${input.RoleName} cannot be found in instance profile ${profile.name}.`)
    profile.roles.splice(at, 1)
    return undefined
  },

  TagInstanceProfile(ctx, input) {
    const tags = requestTags(input.Tags)
    authorizeProfile(ctx, 'TagInstanceProfile', input.InstanceProfileName, requestTagContext(tags))
    const profile = requireProfile(accountOf(ctx), input.InstanceProfileName)
    profile.tags = mergeTags(profile.tags, tags, 'TagsPerInstanceProfile')
    return undefined
  },

  UntagInstanceProfile(ctx, input) {
    authorizeProfile(ctx, 'UntagInstanceProfile', input.InstanceProfileName, { 'aws:TagKeys': input.TagKeys })
    const profile = requireProfile(accountOf(ctx), input.InstanceProfileName)
    profile.tags = removeTags(profile.tags, input.TagKeys)
    return undefined
  },

  ListInstanceProfileTags(ctx, input) {
    authorizeProfile(ctx, 'ListInstanceProfileTags', input.InstanceProfileName)
    const page = paginateInOrder(requireProfile(accountOf(ctx), input.InstanceProfileName).tags, input)
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker }
  },
})
