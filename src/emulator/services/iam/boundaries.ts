import type { OpContext } from '../types.js'
import { defineOps } from './define-ops.js'
import { ENTITY_KINDS, type EntityKindInfo } from './entity-kinds.js'
import { policyArnAccount, requireAttachable } from './policy-view.js'
import { accountOf, effectiveAt, requireRole, requireUser } from './store.js'
import { noteBoundary } from './usage.js'

/**
 * Permissions boundaries of users and roles: Put/Delete{User,Role}PermissionsBoundary.
 * The boundary must be a managed policy (customer or AWS) the account can see.
 */

type Input = Record<string, string>

function holder(info: EntityKindInfo, ctx: OpContext, name: string) {
  const account = accountOf(ctx)
  return info.kind === 'user' ? requireUser(account, name) : requireRole(account, name)
}

function opsFor(info: EntityKindInfo) {
  const t = info.title
  return {
    [`Put${t}PermissionsBoundary`](ctx: OpContext, input: Input) {
      const arn = input.PermissionsBoundary!
      policyArnAccount(arn)
      info.authorize(ctx, `Put${t}PermissionsBoundary`, input[info.nameMember]!, { 'iam:PermissionsBoundary': arn })
      const account = accountOf(ctx)
      const entity = holder(info, ctx, input[info.nameMember]!)
      requireAttachable(account, arn)
      const previous = entity.boundary
      entity.boundary = { arn, effectiveAt: effectiveAt(ctx) }
      if (previous) noteBoundary(account, previous.arn, -1)
      noteBoundary(account, arn, 1)
      return undefined
    },
    [`Delete${t}PermissionsBoundary`](ctx: OpContext, input: Input) {
      info.authorize(ctx, `Delete${t}PermissionsBoundary`, input[info.nameMember]!)
      const entity = holder(info, ctx, input[info.nameMember]!)
      const previous = entity.boundary
      delete entity.boundary
      if (previous) noteBoundary(accountOf(ctx), previous.arn, -1)
      return undefined
    },
  }
}

export const boundaryOperations = defineOps({
  ...opsFor(ENTITY_KINDS.user),
  ...opsFor(ENTITY_KINDS.role),
})
