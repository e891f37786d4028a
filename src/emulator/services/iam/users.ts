import { arns } from '../../arn.js'
import { uniqueId } from '../../ids.js'
import type { UserEntity } from '../../state/model.js'
import type { OpContext } from '../types.js'
import { authorize, authorizeUser } from './access.js'
import { implicitTarget } from './caller.js'
import { devicesOf } from './mfa/devices.js'
import { defineOps } from './define-ops.js'
import { iamErrors } from './errors.js'
import { date, userOut } from './output.js'
import { paginateSorted } from './paginate.js'
import { policyArnAccount, requireAttachable } from './policy-view.js'
import { rewritePrincipalEverywhere } from './principal-rewrite.js'
import { checkAccountQuota } from './quotas.js'
import { accountOf, effectiveAt, findUser, key, requireUser } from './store.js'
import { requestTagContext, requestTags } from './tags.js'
import { noteEntity } from './usage.js'

/** IAM users: CreateUser, GetUser, UpdateUser, DeleteUser, ListUsers. */

function rootUser(ctx: OpContext) {
  const account = accountOf(ctx)
  let created = ctx.now
  for (const k of ctx.state.accessKeys.values()) {
    if (k.accountId === account.id && k.userName === undefined) created = Math.min(created, k.createDate)
  }
  return { UserId: account.id, Arn: arns.root(account.id), CreateDate: date(created) }
}

/** DeleteConflict checks in AWS's order (spec 6.1): credentials, then policies, then groups. */
function assertDeletable(ctx: OpContext, accountId: string, user: UserEntity): void {
  if (user.loginProfile) throw iamErrors.deleteConflict('Cannot delete entity, must delete login profile first.')
  for (const k of ctx.state.accessKeys.values()) {
    if (k.accountId === accountId && k.userName !== undefined && key(k.userName) === key(user.name)) {
      throw iamErrors.deleteConflict('Cannot delete entity, must delete access keys first.')
    }
  }
  if (user.inline.length > 0) throw iamErrors.deleteConflict('Cannot delete entity, must delete policies first.')
  if (user.attached.length > 0) throw iamErrors.deleteConflict('Cannot delete entity, must detach all policies first.')
  if (user.groups.length > 0) throw iamErrors.deleteConflict('Cannot delete entity, must remove user from all groups first.')
  // AWS's wording, as CloudFormation relays it ("DELETE_FAILED: Cannot delete entity, must delete MFA device first.").
  if (devicesOf(ctx.state.accounts.get(accountId)!, user.name).length > 0) throw iamErrors.deleteConflict('Cannot delete entity, must delete MFA device first.')
}

export const userOperations = defineOps({
  CreateUser(ctx, input) {
    const account = accountOf(ctx)
    const path = input.Path ?? '/'
    const tags = requestTags(input.Tags)
    if (input.PermissionsBoundary !== undefined) policyArnAccount(input.PermissionsBoundary)
    authorize(ctx, 'CreateUser', arns.user(account.id, path, input.UserName), {
      ...requestTagContext(tags),
      'iam:PermissionsBoundary': input.PermissionsBoundary,
    })
    if (findUser(account, input.UserName)) throw iamErrors.alreadyExists('user', input.UserName)
    if (input.PermissionsBoundary !== undefined) requireAttachable(account, input.PermissionsBoundary)
    checkAccountQuota(ctx, 'users', account.users.size)
    const user: UserEntity = {
      name: input.UserName,
      id: uniqueId('AIDA'),
      arn: arns.user(account.id, path, input.UserName),
      path,
      createDate: ctx.now,
      tags,
      boundary: input.PermissionsBoundary ? { arn: input.PermissionsBoundary, effectiveAt: effectiveAt(ctx) } : undefined,
      inline: [],
      attached: [],
      groups: [],
    }
    if (!user.boundary) delete user.boundary
    account.users.set(key(user.name), user)
    noteEntity(account, user, 1)
    return { User: userOut(user, true) }
  },

  GetUser(ctx, input) {
    const account = accountOf(ctx)
    let name = input.UserName
    if (name === undefined) {
      // A role session without UserName is authorized on its own session ARN, and named by it
      // when denied; only then is the call refused as a ValidationError (`Must specify userName
      // when calling with non-User credentials`). Reported: spinnaker/clouddriver
      // clouddriver-aws/src/test/groovy/.../aws/security/DefaultAWSAccountInfoLookupSpec.groovy
      // quotes AWS (2014, request bcd9f5c2-63a2-11e4-...): "User:
      // arn:aws:sts::149510111645:assumed-role/SpinnakerInstanceProfile/i-faea8732 is not
      // authorized to perform: iam:GetUser on resource:
      // arn:aws:sts::149510111645:assumed-role/SpinnakerInstanceProfile/i-faea8732";
      // serverless/serverless#3151 (2017, a role under an explicit deny of `iam:*User*`):
      // "<role>/AWSCodeBuild is not authorized to perform: iam:GetUser on resource:
      // arn:aws:sts::<account-id>:assumed-role/<role>/AWSCodeBuild". No report shows
      // `user <session name>` (docs/fidelity.md).
      const { caller } = ctx
      if (caller.kind === 'session' && caller.session?.kind === 'assumed-role') {
        authorize(ctx, 'GetUser', caller.principal.arn, {}, undefined, caller.principal.arn)
      }
      const target = implicitTarget(ctx)
      if (target.kind === 'root') {
        authorize(ctx, 'GetUser', arns.root(account.id))
        return { User: rootUser(ctx) }
      }
      name = target.name
    }
    authorizeUser(ctx, 'GetUser', name)
    return { User: userOut(requireUser(account, name), true) }
  },

  UpdateUser(ctx, input) {
    const account = accountOf(ctx)
    authorizeUser(ctx, 'UpdateUser', input.UserName)
    const user = requireUser(account, input.UserName)
    const newName = input.NewUserName ?? user.name
    const newPath = input.NewPath ?? user.path
    const newArn = arns.user(account.id, newPath, newName)
    // Renaming needs permission on the target name too (IAM API Reference, UpdateUser).
    if (newArn !== user.arn) authorize(ctx, 'UpdateUser', newArn)
    if (key(newName) !== key(user.name) && findUser(account, newName)) throw iamErrors.alreadyExists('user', newName)
    const oldKey = key(user.name)
    const oldArn = user.arn
    const oldName = user.name
    user.name = newName
    user.path = newPath
    user.arn = newArn
    account.users.delete(oldKey)
    account.users.set(key(newName), user)
    if (oldKey !== key(newName)) {
      for (const g of user.groups) {
        const group = account.groups.get(g)
        if (group) group.members = group.members.map((m) => (m === oldKey ? key(newName) : m))
      }
    }
    for (const k of ctx.state.accessKeys.values()) {
      if (k.accountId === account.id && k.userName !== undefined && key(k.userName) === oldKey) k.userName = newName
    }
    for (const s of ctx.state.sessions.values()) {
      if (s.accountId === account.id && s.kind === 'session-token' && s.userName !== undefined && key(s.userName) === key(oldName)) {
        s.userName = newName
      }
    }
    // Principals are held by unique id on AWS, so policies naming the user show the new ARN.
    if (oldArn !== newArn) rewritePrincipalEverywhere(ctx.state, oldArn, newArn)
    return undefined
  },

  DeleteUser(ctx, input) {
    const account = accountOf(ctx)
    authorizeUser(ctx, 'DeleteUser', input.UserName)
    const user = requireUser(account, input.UserName)
    assertDeletable(ctx, account.id, user)
    account.users.delete(key(user.name))
    noteEntity(account, user, -1)
    for (const [id, s] of ctx.state.sessions) {
      if (s.accountId === account.id && s.kind === 'session-token' && s.userName !== undefined && key(s.userName) === key(user.name)) {
        ctx.state.sessions.delete(id)
      }
    }
    rewritePrincipalEverywhere(ctx.state, user.arn, user.id)
    return undefined
  },

  ListUsers(ctx, input) {
    const account = accountOf(ctx)
    const prefix = input.PathPrefix ?? '/'
    authorize(ctx, 'ListUsers', `arn:aws:iam::${account.id}:user${prefix}`)
    const page = paginateSorted([account.users], input, (u) => u.path.startsWith(prefix))
    return { Users: page.items.map((u) => userOut(u, false)), IsTruncated: page.IsTruncated, Marker: page.Marker }
  },
})
