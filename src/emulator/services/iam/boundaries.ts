import type { OpContext } from '../types.js'
import { defineKindOps } from './define-ops.js'
import { ENTITY_KINDS, type EntityKindInfo } from './entity-kinds.js'
import { policyArnAccount, requireAttachable } from './policy-view.js'
import { accountOf, effectiveAt, requireRole, requireUser } from './store.js'
import { noteBoundary } from './usage.js'

/**
 * Permissions boundaries of users and roles: Put/Delete{User,Role}PermissionsBoundary.
 * The boundary must be a managed policy (customer or AWS) the account can see.
 */

type Input = Partial<Record<'UserName' | 'RoleName' | 'PermissionsBoundary', string>>

function holder(info: EntityKindInfo, ctx: OpContext, name: string) {
  const account = accountOf(ctx)
  return info.kind === 'user' ? requireUser(account, name) : requireRole(account, name)
}

/** Boundaries exist for users and roles only. */
function nameOf(info: EntityKindInfo, input: Input): string {
  return (info.nameMember === 'UserName' ? input.UserName : input.RoleName)!
}

function opsFor(info: EntityKindInfo) {
  const t = info.title
  return {
    [`Put${t}PermissionsBoundary`](ctx: OpContext, input: Input) {
      const arn = input.PermissionsBoundary!
      policyArnAccount(arn)
      info.authorize(ctx, `Put${t}PermissionsBoundary`, nameOf(info, input), { 'iam:PermissionsBoundary': arn })
      const account = accountOf(ctx)
      const entity = holder(info, ctx, nameOf(info, input))
      info.assertModifiable?.(entity)
      requireAttachable(account, arn)
      const previous = entity.boundary
      entity.boundary = { arn, effectiveAt: effectiveAt(ctx) }
      if (previous) noteBoundary(account, previous.arn, -1)
      noteBoundary(account, arn, 1)
      return undefined
    },
    [`Delete${t}PermissionsBoundary`](ctx: OpContext, input: Input) {
      info.authorize(ctx, `Delete${t}PermissionsBoundary`, nameOf(info, input))
      const entity = holder(info, ctx, nameOf(info, input))
      info.assertModifiable?.(entity)
      const previous = entity.boundary
      delete entity.boundary
      if (previous) noteBoundary(accountOf(ctx), previous.arn, -1)
      return undefined
    },
  }
}

export const boundaryOperations = defineKindOps(
  ['PutUserPermissionsBoundary', 'DeleteUserPermissionsBoundary', 'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary'],
  { ...opsFor(ENTITY_KINDS.user), ...opsFor(ENTITY_KINDS.role) },
)
