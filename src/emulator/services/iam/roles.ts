import { arns } from '../../arn.js'
import { uniqueId } from '../../ids.js'
import type { RoleEntity } from '../../state/model.js'
import { AwsServiceError } from '../types.js'
import { authorize, authorizeRole } from './access.js'
import { defineOps } from './define-ops.js'
import { iamErrors } from './errors.js'
import { profilesOfRole } from './instance-profiles.js'
import { assertModifiable, isServiceLinkedPath } from './protected-roles.js'
import { roleOut } from './output.js'
import { paginateSorted } from './paginate.js'
import { policyArnAccount, requireAttachable } from './policy-view.js'
import { rewritePrincipalEverywhere } from './principal-rewrite.js'
import { checkAccountQuota } from './quotas.js'
import { accountOf, effectiveAt, findRole, key, requireRole } from './store.js'
import { requestTagContext, requestTags } from './tags.js'
import { checkTrustPolicy } from './trust.js'
import { noteEntity } from './usage.js'

/** IAM roles: Create/Get/List/Update/Delete, descriptions and trust policies. */

export const DEFAULT_MAX_SESSION_DURATION = 3600

export const roleOperations = defineOps({
  CreateRole(ctx, input) {
    const account = accountOf(ctx)
    const path = input.Path ?? '/'
    const tags = requestTags(input.Tags)
    if (input.PermissionsBoundary !== undefined) policyArnAccount(input.PermissionsBoundary)
    const arn = arns.role(account.id, path, input.RoleName)
    authorize(ctx, 'CreateRole', arn, {
      ...requestTagContext(tags),
      'iam:PermissionsBoundary': input.PermissionsBoundary,
    })
    if (findRole(account, input.RoleName)) throw iamErrors.alreadyExists('role', input.RoleName)
    checkTrustPolicy(ctx, input.AssumeRolePolicyDocument)
    if (input.PermissionsBoundary !== undefined) requireAttachable(account, input.PermissionsBoundary)
    checkAccountQuota(ctx, 'roles', account.roles.size)
    const role: RoleEntity = {
      name: input.RoleName,
      id: uniqueId('AROA'),
      arn,
      path,
      createDate: ctx.now,
      trustPolicy: input.AssumeRolePolicyDocument,
      trustEffectiveAt: effectiveAt(ctx),
      maxSessionDuration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
      tags,
      inline: [],
      attached: [],
    }
    if (input.Description !== undefined) role.description = input.Description
    if (input.PermissionsBoundary !== undefined) role.boundary = { arn: input.PermissionsBoundary, effectiveAt: effectiveAt(ctx) }
    account.roles.set(key(role.name), role)
    noteEntity(account, role, 1)
    return { Role: roleOut(role, 'create') }
  },

  GetRole(ctx, input) {
    authorizeRole(ctx, 'GetRole', input.RoleName)
    return { Role: roleOut(requireRole(accountOf(ctx), input.RoleName), 'get') }
  },

  ListRoles(ctx, input) {
    const account = accountOf(ctx)
    const prefix = input.PathPrefix ?? '/'
    authorize(ctx, 'ListRoles', `arn:aws:iam::${account.id}:role${prefix}`)
    const page = paginateSorted([account.roles], input, (r) => r.path.startsWith(prefix))
    return { Roles: page.items.map((r) => roleOut(r, 'list')), IsTruncated: page.IsTruncated, Marker: page.Marker }
  },

  UpdateRole(ctx, input) {
    authorizeRole(ctx, 'UpdateRole', input.RoleName)
    const role = requireRole(accountOf(ctx), input.RoleName)
    if (input.MaxSessionDuration !== undefined && isServiceLinkedPath(role.path)) {
      throw new AwsServiceError('UnmodifiableEntity', 400, `${role.name} is an AWS service linked role, max session duration cannot be changed.`)
    }
    if (input.Description !== undefined) role.description = input.Description
    if (input.MaxSessionDuration !== undefined) role.maxSessionDuration = input.MaxSessionDuration
    return {}
  },

  UpdateRoleDescription(ctx, input) {
    authorizeRole(ctx, 'UpdateRoleDescription', input.RoleName)
    const role = requireRole(accountOf(ctx), input.RoleName)
    role.description = input.Description
    return { Role: roleOut(role, 'get') }
  },

  UpdateAssumeRolePolicy(ctx, input) {
    authorizeRole(ctx, 'UpdateAssumeRolePolicy', input.RoleName)
    const role = requireRole(accountOf(ctx), input.RoleName)
    assertModifiable(role)
    checkTrustPolicy(ctx, input.PolicyDocument)
    // Until the new trust policy is effective, STS keeps serving the one it replaces.
    const served = role.trustEffectiveAt <= ctx.now ? role.trustPolicy : role.previousTrust
    if (served !== undefined) role.previousTrust = served
    role.trustPolicy = input.PolicyDocument
    role.trustEffectiveAt = effectiveAt(ctx)
    return undefined
  },

  DeleteRole(ctx, input) {
    const account = accountOf(ctx)
    authorizeRole(ctx, 'DeleteRole', input.RoleName)
    const role = requireRole(account, input.RoleName)
    assertModifiable(role)
    // A permissions boundary does not block deletion (spec 6.4).
    if (profilesOfRole(account, role.name).length > 0) throw iamErrors.deleteConflict('Cannot delete entity, must remove roles from instance profile first.')
    if (role.inline.length > 0) throw iamErrors.deleteConflict('Cannot delete entity, must delete policies first.')
    if (role.attached.length > 0) throw iamErrors.deleteConflict('Cannot delete entity, must detach all policies first.')
    account.roles.delete(key(role.name))
    noteEntity(account, role, -1)
    rewritePrincipalEverywhere(ctx.state, role.arn, role.id)
    return undefined
  },
})
