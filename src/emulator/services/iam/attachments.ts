import type { OpContext } from '../types.js'
import { defineKindOps, type Handler } from './define-ops.js'
import { ENTITY_KINDS, MAX_ATTACHED_POLICIES, type EntityKindInfo } from './entity-kinds.js'
import { iamErrors } from './errors.js'
import { paginateInOrder, type PageInput } from './paginate.js'
import { findPolicy, policyArnAccount, requireAttachable } from './policy-view.js'
import { accountOf, effectiveAt } from './store.js'
import { noteAttachment } from './usage.js'

/**
 * Managed policy attachments: Attach/Detach/ListAttached{User,Role,Group}Policies.
 * Attaching is idempotent; at most 10 per entity; AttachmentCount is derived from these.
 */

type Input = Partial<Record<'UserName' | 'RoleName' | 'GroupName' | 'PolicyArn' | 'PathPrefix', string>> & PageInput

function opsFor(info: EntityKindInfo): Record<string, Handler<Input>> {
  const t = info.title
  const entityName = (input: Input) => input[info.nameMember]!
  return {
    [`Attach${t}Policy`](ctx: OpContext, input: Input) {
      const arn = input.PolicyArn!
      policyArnAccount(arn)
      info.authorize(ctx, `Attach${t}Policy`, entityName(input), { 'iam:PolicyARN': arn })
      const account = accountOf(ctx)
      const entity = info.require(account, entityName(input))
      info.assertModifiable?.(entity)
      const policy = requireAttachable(account, arn)
      if (policy.awsManaged && policy.path.startsWith('/aws-service-role/')) {
        throw iamErrors.notAttachable('Cannot attach a Service Role Policy to a Customer Role.')
      }
      if (entity.attached.some((a) => a.arn === arn)) return undefined
      if (entity.attached.length >= MAX_ATTACHED_POLICIES) throw iamErrors.quota(info.attachQuotaName, MAX_ATTACHED_POLICIES)
      entity.attached.push({ arn, effectiveAt: effectiveAt(ctx) })
      noteAttachment(account, arn, 1)
      return undefined
    },

    [`Detach${t}Policy`](ctx: OpContext, input: Input) {
      const arn = input.PolicyArn!
      policyArnAccount(arn)
      info.authorize(ctx, `Detach${t}Policy`, entityName(input), { 'iam:PolicyARN': arn })
      const account = accountOf(ctx)
      const entity = info.require(account, entityName(input))
      info.assertModifiable?.(entity)
      const at = entity.attached.findIndex((a) => a.arn === arn)
      if (at < 0) throw iamErrors.policyNotFound(arn)
      entity.attached.splice(at, 1)
      noteAttachment(account, arn, -1)
      return undefined
    },

    [`ListAttached${t}Policies`](ctx: OpContext, input: Input) {
      info.authorize(ctx, `ListAttached${t}Policies`, entityName(input))
      const account = accountOf(ctx)
      const entity = info.require(account, entityName(input))
      const prefix = input.PathPrefix ?? '/'
      const attached = entity.attached
        .map((a) => findPolicy(account, a.arn))
        .filter((p) => p !== undefined && p.path.startsWith(prefix))
        .map((p) => ({ PolicyName: p!.name, PolicyArn: p!.arn }))
      const page = paginateInOrder(attached, input)
      return { AttachedPolicies: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker }
    },
  }
}

export const attachmentOperations = defineKindOps(
  [
    'AttachUserPolicy', 'DetachUserPolicy', 'ListAttachedUserPolicies',
    'AttachRolePolicy', 'DetachRolePolicy', 'ListAttachedRolePolicies',
    'AttachGroupPolicy', 'DetachGroupPolicy', 'ListAttachedGroupPolicies',
  ],
  { ...opsFor(ENTITY_KINDS.user), ...opsFor(ENTITY_KINDS.role), ...opsFor(ENTITY_KINDS.group) },
)
