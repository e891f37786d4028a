import { arns } from '../../arn.js'
import { uniqueId } from '../../ids.js'
import type { GroupEntity } from '../../state/model.js'
import { authorize, authorizeGroup, authorizeUser } from './access.js'
import { defineOps } from './define-ops.js'
import { iamErrors } from './errors.js'
import { groupOut, userOut } from './output.js'
import { paginate, paginateSorted } from './paginate.js'
import { checkAccountQuota } from './quotas.js'
import { accountOf, findGroup, key, requireGroup, requireUser } from './store.js'
import { noteEntity } from './usage.js'

/** IAM groups and membership. Groups hold policies for their users; they are not principals. */

export const MAX_GROUPS_PER_USER = 10

export const groupOperations = defineOps({
  CreateGroup(ctx, input) {
    const account = accountOf(ctx)
    const path = input.Path ?? '/'
    const arn = arns.group(account.id, path, input.GroupName)
    authorize(ctx, 'CreateGroup', arn)
    if (findGroup(account, input.GroupName)) throw iamErrors.alreadyExists('group', input.GroupName)
    checkAccountQuota(ctx, 'groups', account.groups.size)
    const group: GroupEntity = {
      name: input.GroupName,
      id: uniqueId('AGPA'),
      arn,
      path,
      createDate: ctx.now,
      inline: [],
      attached: [],
      members: [],
    }
    account.groups.set(key(group.name), group)
    return { Group: groupOut(group) }
  },

  GetGroup(ctx, input) {
    authorizeGroup(ctx, 'GetGroup', input.GroupName)
    const account = accountOf(ctx)
    const group = requireGroup(account, input.GroupName)
    const members = group.members.map((m) => account.users.get(m)).filter((u) => u !== undefined)
    const page = paginate(members, (u) => key(u.name), input)
    return {
      Group: groupOut(group),
      Users: page.items.map((u) => userOut(u, false)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    }
  },

  ListGroups(ctx, input) {
    const account = accountOf(ctx)
    const prefix = input.PathPrefix ?? '/'
    authorize(ctx, 'ListGroups', `arn:aws:iam::${account.id}:group${prefix}`)
    const page = paginateSorted([account.groups], input, (g) => g.path.startsWith(prefix))
    return { Groups: page.items.map(groupOut), IsTruncated: page.IsTruncated, Marker: page.Marker }
  },

  UpdateGroup(ctx, input) {
    const account = accountOf(ctx)
    authorizeGroup(ctx, 'UpdateGroup', input.GroupName)
    const group = requireGroup(account, input.GroupName)
    const newName = input.NewGroupName ?? group.name
    const newPath = input.NewPath ?? group.path
    const newArn = arns.group(account.id, newPath, newName)
    if (newArn !== group.arn) authorize(ctx, 'UpdateGroup', newArn)
    if (key(newName) !== key(group.name) && findGroup(account, newName)) throw iamErrors.alreadyExists('group', newName)
    const oldKey = key(group.name)
    account.groups.delete(oldKey)
    group.name = newName
    group.path = newPath
    group.arn = newArn
    account.groups.set(key(newName), group)
    for (const m of group.members) {
      const user = account.users.get(m)
      if (user) user.groups = user.groups.map((g) => (g === oldKey ? key(newName) : g))
    }
    return undefined
  },

  DeleteGroup(ctx, input) {
    const account = accountOf(ctx)
    authorizeGroup(ctx, 'DeleteGroup', input.GroupName)
    const group = requireGroup(account, input.GroupName)
    if (group.members.length > 0) throw iamErrors.deleteConflict('Cannot delete entity, must remove users from group first.')
    if (group.inline.length > 0) throw iamErrors.deleteConflict('Cannot delete entity, must delete policies first.')
    if (group.attached.length > 0) throw iamErrors.deleteConflict('Cannot delete entity, must detach all policies first.')
    account.groups.delete(key(group.name))
    noteEntity(account, group, -1)
    return undefined
  },

  AddUserToGroup(ctx, input) {
    const account = accountOf(ctx)
    authorizeGroup(ctx, 'AddUserToGroup', input.GroupName)
    const group = requireGroup(account, input.GroupName)
    const user = requireUser(account, input.UserName)
    const g = key(group.name)
    const u = key(user.name)
    if (user.groups.includes(g)) return undefined
    if (user.groups.length >= MAX_GROUPS_PER_USER) throw iamErrors.quota('GroupsPerUser', MAX_GROUPS_PER_USER)
    user.groups.push(g)
    group.members.push(u)
    return undefined
  },

  RemoveUserFromGroup(ctx, input) {
    const account = accountOf(ctx)
    authorizeGroup(ctx, 'RemoveUserFromGroup', input.GroupName)
    const group = requireGroup(account, input.GroupName)
    const user = requireUser(account, input.UserName)
    const g = key(group.name)
    const u = key(user.name)
    // Wording unconfirmed (spec 6.1).
    if (!user.groups.includes(g)) throw iamErrors.noSuchMembership(user.name, group.name)
    user.groups = user.groups.filter((x) => x !== g)
    group.members = group.members.filter((x) => x !== u)
    return undefined
  },

  ListGroupsForUser(ctx, input) {
    const account = accountOf(ctx)
    authorizeUser(ctx, 'ListGroupsForUser', input.UserName)
    const user = requireUser(account, input.UserName)
    const groups = user.groups.map((g) => account.groups.get(g)).filter((g) => g !== undefined)
    const page = paginate(groups, (g) => key(g.name), input)
    return { Groups: page.items.map(groupOut), IsTruncated: page.IsTruncated, Marker: page.Marker }
  },
})
