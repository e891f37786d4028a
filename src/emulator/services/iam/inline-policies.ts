import type { OpContext } from '../types.js'
import type { InlinePolicy } from '../../state/model.js'
import { defineKindOps, type Handler } from './define-ops.js'
import { checkDocument, documentSize } from './documents.js'
import { ENTITY_KINDS, type EntityKindInfo } from './entity-kinds.js'
import { iamErrors } from './errors.js'
import { encodePolicyDocument } from './output.js'
import { paginate, type PageInput } from './paginate.js'
import { accountOf, effectiveAt } from './store.js'

/**
 * Inline policies of users, roles and groups: Put/Get/Delete/List{User,Role,Group}Policies.
 * The sum of an entity's inline policy sizes is capped (user 2,048, role 10,240, group 5,120).
 */

type Input = Partial<Record<'UserName' | 'RoleName' | 'GroupName' | 'PolicyName' | 'PolicyDocument', string>> & PageInput

function name(info: EntityKindInfo, input: Input): string {
  return input[info.nameMember]!
}

function opsFor(info: EntityKindInfo): Record<string, Handler<Input>> {
  const t = info.title
  return {
    [`Put${t}Policy`](ctx: OpContext, input: Input) {
      const entityName = name(info, input)
      info.authorize(ctx, `Put${t}Policy`, entityName)
      const entity = info.require(accountOf(ctx), entityName)
      info.assertModifiable?.(entity)
      const checked = checkDocument(input.PolicyDocument!, 'identity')
      let total = checked.size
      for (const p of entity.inline) if (p.name !== input.PolicyName) total += documentSize(p.document)
      if (total > info.inlineQuota) {
        throw iamErrors.limitExceeded(`Maximum policy size of ${info.inlineQuota} bytes exceeded for ${info.kind} ${entity.name}`)
      }
      const policy: InlinePolicy = { name: input.PolicyName!, document: input.PolicyDocument!, effectiveAt: effectiveAt(ctx) }
      const at = entity.inline.findIndex((p) => p.name === policy.name)
      if (at >= 0) {
        // A replacement keeps serving the old document until the new one is effective.
        const old = entity.inline[at]!
        const served = old.effectiveAt <= ctx.now ? old.document : old.previous
        if (served !== undefined) policy.previous = served
        entity.inline[at] = policy
      } else entity.inline.push(policy)
      return undefined
    },

    [`Get${t}Policy`](ctx: OpContext, input: Input) {
      const entityName = name(info, input)
      info.authorize(ctx, `Get${t}Policy`, entityName)
      const entity = info.require(accountOf(ctx), entityName)
      const policy = entity.inline.find((p) => p.name === input.PolicyName)
      if (!policy) throw iamErrors.noSuchInlinePolicy(info.kind, input.PolicyName!)
      return { [info.nameMember]: entity.name, PolicyName: policy.name, PolicyDocument: encodePolicyDocument(policy.document) }
    },

    [`Delete${t}Policy`](ctx: OpContext, input: Input) {
      const entityName = name(info, input)
      info.authorize(ctx, `Delete${t}Policy`, entityName)
      const entity = info.require(accountOf(ctx), entityName)
      info.assertModifiable?.(entity)
      const at = entity.inline.findIndex((p) => p.name === input.PolicyName)
      if (at < 0) throw iamErrors.noSuchInlinePolicy(info.kind, input.PolicyName!)
      entity.inline.splice(at, 1)
      return undefined
    },

    [`List${t}Policies`](ctx: OpContext, input: Input) {
      const entityName = name(info, input)
      info.authorize(ctx, `List${t}Policies`, entityName)
      const entity = info.require(accountOf(ctx), entityName)
      const page = paginate(entity.inline, (p) => p.name, input)
      return { PolicyNames: page.items.map((p) => p.name), IsTruncated: page.IsTruncated, Marker: page.Marker }
    },
  }
}

export const inlinePolicyOperations = defineKindOps(
  [
    'PutUserPolicy', 'GetUserPolicy', 'DeleteUserPolicy', 'ListUserPolicies',
    'PutRolePolicy', 'GetRolePolicy', 'DeleteRolePolicy', 'ListRolePolicies',
    'PutGroupPolicy', 'GetGroupPolicy', 'DeleteGroupPolicy', 'ListGroupPolicies',
  ],
  { ...opsFor(ENTITY_KINDS.user), ...opsFor(ENTITY_KINDS.role), ...opsFor(ENTITY_KINDS.group) },
)
