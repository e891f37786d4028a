import { arns } from '../../arn.js'
import type { ContextValue } from '../../../policy/types.js'
import type { AccountState, Tag } from '../../state/model.js'
import type { AuthorizeOptions, OpContext } from '../types.js'
import { denialResource } from './denial-resource.js'
import { findGroup, findRole, findUser } from './store.js'
import { resourceTagContext } from './tags.js'
import { dict } from '../../../safe-object.js'

/**
 * Authorization of IAM operations: `iam:<Action>` on the target entity's ARN (with its real
 * path when it exists, the default path otherwise), with the tag context of the target.
 * Called before any lookup error so that callers without permission learn nothing.
 */

export type Context = Record<string, ContextValue | undefined>

/**
 * `namedAs`: the resource as the AccessDenied message words it, for the few calls whose wording
 * is not the operation's row in denial-resource.ts (the access-key quirk `user null<caller>`).
 */
export function authorize(ctx: OpContext, action: string, resource: string, context: Context = {}, resourceAccount?: string, namedAs?: string): void {
  const clean = dict<ContextValue | undefined>()
  for (const [k, v] of Object.entries(context)) if (v !== undefined) clean[k] = v
  const opts: AuthorizeOptions = {}
  if (Object.keys(clean).length > 0) opts.context = clean
  if (resourceAccount !== undefined) opts.resourceAccount = resourceAccount
  const named = namedAs ?? denialResource(action, resource)
  if (named !== undefined) opts.denialResource = named
  ctx.authorize(`iam:${action}`, resource, Object.keys(opts).length > 0 ? opts : undefined)
}

/**
 * Authorize on a managed policy ARN: AWS managed policies belong to the `aws` account; a
 * customer policy's tags are its `aws:ResourceTag/*`.
 */
export function authorizePolicy(ctx: OpContext, action: string, arn: string, extra: Context = {}): void {
  const account = ctx.caller.account
  const owner = arn.split(':')[4]
  const tags = owner === account.id ? account.policies.get(arn)?.tags : undefined
  authorize(ctx, action, arn, { ...resourceTagContext(tags), ...extra }, owner === 'aws' ? 'aws' : undefined)
}

/**
 * Actions for which IAM puts the target's current boundary in `iam:PermissionsBoundary`
 * (Service Authorization Reference; Create* and Put*PermissionsBoundary pass the new one).
 */
const BOUNDARY_ACTIONS = new Set([
  'AttachUserPolicy', 'DetachUserPolicy', 'PutUserPolicy', 'DeleteUserPolicy', 'DeleteUserPermissionsBoundary',
  'AttachRolePolicy', 'DetachRolePolicy', 'PutRolePolicy', 'DeleteRolePolicy', 'DeleteRolePermissionsBoundary',
])

function target(arn: string, tags?: Tag[], boundary?: string) {
  return { arn, context: resourceTagContext(tags), boundary }
}

export function userTarget(account: AccountState, name: string) {
  const user = findUser(account, name)
  return target(user?.arn ?? arns.user(account.id, '/', name), user?.tags, user?.boundary?.arn)
}

export function roleTarget(account: AccountState, name: string) {
  const role = findRole(account, name)
  return target(role?.arn ?? arns.role(account.id, '/', name), role?.tags, role?.boundary?.arn)
}

export function groupTarget(account: AccountState, name: string) {
  const group = findGroup(account, name)
  return target(group?.arn ?? arns.group(account.id, '/', name))
}

/** Authorize `action` on the named user (ARN with path, `aws:ResourceTag/*`). */
export function authorizeUser(ctx: OpContext, action: string, name: string, extra: Context = {}, namedAs?: string): void {
  const t = userTarget(ctx.caller.account, name)
  const boundary = BOUNDARY_ACTIONS.has(action) ? { 'iam:PermissionsBoundary': t.boundary } : {}
  authorize(ctx, action, t.arn, { ...t.context, ...boundary, ...extra }, undefined, namedAs)
}

export function authorizeRole(ctx: OpContext, action: string, name: string, extra: Context = {}): void {
  const t = roleTarget(ctx.caller.account, name)
  const boundary = BOUNDARY_ACTIONS.has(action) ? { 'iam:PermissionsBoundary': t.boundary } : {}
  authorize(ctx, action, t.arn, { ...t.context, ...boundary, ...extra })
}

export function authorizeGroup(ctx: OpContext, action: string, name: string, extra: Context = {}): void {
  const t = groupTarget(ctx.caller.account, name)
  authorize(ctx, action, t.arn, { ...t.context, ...extra })
}
