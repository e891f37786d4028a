import { arns } from '../../arn.js'
import { accessKeyId, secretAccessKey } from '../../ids.js'
import type { AccessKeyEntity } from '../../state/model.js'
import type { OpContext } from '../types.js'
import { authorize, authorizeUser } from './access.js'
import { implicitTarget, type ImplicitTarget } from './caller.js'
import { defineOps } from './define-ops.js'
import { AwsServiceError } from '../types.js'
import { iamErrors } from './errors.js'
import { date } from './output.js'
import { paginateInOrder } from './paginate.js'
import { accountOf, effectiveAt, key, requireUser } from './store.js'

/**
 * Long-term access keys (AKIA..., 20 chars; 40-char secrets), 2 per user and per root.
 * UserName defaults to the caller (the root's own keys when the root calls).
 */

export const MAX_ACCESS_KEYS = 2

/** The target, and whether it was left implicit by an IAM user calling with its own long-term key. */
type Target = ImplicitTarget & { implicitUser?: boolean }

function targetOf(ctx: OpContext, userName: string | undefined): Target {
  if (userName !== undefined) return { kind: 'user', name: userName }
  const target = implicitTarget(ctx)
  return target.kind === 'user' && ctx.caller.kind === 'user' ? { ...target, implicitUser: true } : target
}

/**
 * IAM's AccessDenied for CreateAccessKey, ListAccessKeys and DeleteAccessKey called by an IAM
 * user without `UserName` names `user null<caller>` (the missing parameter printed as `null`,
 * then the caller's name), reported in real denials:
 * - CloudTrail of Splunk's BOTS v3 data set (account 622676721278, 2018-08-20, requestParameters
 *   null): "User: arn:aws:iam::622676721278:user/web_admin is not authorized to perform:
 *   iam:CreateAccessKey on resource: user nullweb_admin", the same `user nullweb_admin` for its
 *   ListAccessKeys and DeleteAccessKey denials, while its GetUser denial names `user web_admin`;
 * - 99designs/aws-vault#178 (2017): "... iam:CreateAccessKey on resource: user nullprofilename
 *   with an explicit deny";
 * - a CloudGoat walkthrough (account 067103977971, 2026): "User:
 *   arn:aws:iam::067103977971:user/cg-start-user-lab is not authorized to perform:
 *   iam:ListAccessKeys on resource: user nullcg-start-user-lab because no identity-based policy
 *   allows the iam:ListAccessKeys action".
 * UpdateAccessKey has no such report (it keeps `user <caller>`); nor do callers with temporary
 * credentials (docs/fidelity.md).
 */
const NULL_QUIRK = new Set(['CreateAccessKey', 'ListAccessKeys', 'DeleteAccessKey'])

/** Authorize on the target (user ARN or root ARN) and resolve the owner's stored user name. */
function resolveOwner(ctx: OpContext, action: string, target: Target): string | undefined {
  const account = accountOf(ctx)
  if (target.kind === 'root') {
    authorize(ctx, action, arns.root(account.id))
    return undefined
  }
  const namedAs = target.implicitUser && NULL_QUIRK.has(action) ? `user null${target.name}` : undefined
  authorizeUser(ctx, action, target.name, {}, namedAs)
  return requireUser(account, target.name).name
}

function keysOf(ctx: OpContext, accountId: string, owner: string | undefined): AccessKeyEntity[] {
  const out: AccessKeyEntity[] = []
  for (const k of ctx.state.accessKeys.values()) {
    if (k.accountId !== accountId) continue
    if (owner === undefined ? k.userName === undefined : k.userName !== undefined && key(k.userName) === key(owner)) out.push(k)
  }
  return out.sort((a, b) => a.createDate - b.createDate || (a.id < b.id ? -1 : 1))
}

function ownedKey(ctx: OpContext, owner: string | undefined, id: string): AccessKeyEntity {
  const k = ctx.state.accessKeys.get(id)
  const account = accountOf(ctx)
  const mine =
    k !== undefined &&
    k.accountId === account.id &&
    (owner === undefined ? k.userName === undefined : k.userName !== undefined && key(k.userName) === key(owner))
  if (!mine) throw iamErrors.noSuchAccessKey(id)
  return k
}

export const accessKeyOperations = defineOps({
  CreateAccessKey(ctx, input) {
    const account = accountOf(ctx)
    const owner = resolveOwner(ctx, 'CreateAccessKey', targetOf(ctx, input.UserName))
    if (keysOf(ctx, account.id, owner).length >= MAX_ACCESS_KEYS) throw iamErrors.quota('AccessKeysPerUser', MAX_ACCESS_KEYS)
    let id = accessKeyId('AKIA')
    while (ctx.state.accessKeys.has(id)) id = accessKeyId('AKIA')
    const entity: AccessKeyEntity = {
      id,
      secret: secretAccessKey(),
      accountId: account.id,
      userName: owner,
      status: 'Active',
      createDate: ctx.now,
      effectiveAt: effectiveAt(ctx),
    }
    if (owner === undefined) delete entity.userName
    ctx.state.accessKeys.set(id, entity)
    return {
      AccessKey: {
        UserName: owner,
        AccessKeyId: id,
        Status: entity.status,
        SecretAccessKey: entity.secret,
        CreateDate: date(entity.createDate),
      },
    }
  },

  ListAccessKeys(ctx, input) {
    const account = accountOf(ctx)
    const owner = resolveOwner(ctx, 'ListAccessKeys', targetOf(ctx, input.UserName))
    const page = paginateInOrder(keysOf(ctx, account.id, owner), input)
    return {
      AccessKeyMetadata: page.items.map((k) => ({
        UserName: k.userName,
        AccessKeyId: k.id,
        Status: k.status,
        CreateDate: date(k.createDate),
      })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    }
  },

  UpdateAccessKey(ctx, input) {
    const owner = resolveOwner(ctx, 'UpdateAccessKey', targetOf(ctx, input.UserName))
    const k = ownedKey(ctx, owner, input.AccessKeyId)
    // The model's enum includes Expired, but only Active/Inactive can be set (wording unconfirmed).
    if (input.Status === 'Expired') throw iamErrors.invalidInput('Invalid status: Expired. Valid values are Active and Inactive.')
    k.status = input.Status
    return undefined
  },

  DeleteAccessKey(ctx, input) {
    const owner = resolveOwner(ctx, 'DeleteAccessKey', targetOf(ctx, input.UserName))
    const k = ownedKey(ctx, owner, input.AccessKeyId)
    ctx.state.accessKeys.delete(k.id)
    return undefined
  },

  GetAccessKeyLastUsed(ctx, input) {
    const account = accountOf(ctx)
    const k = ctx.state.accessKeys.get(input.AccessKeyId)
    // A key this account does not own is denied to every caller, an administrator too, with
    // IAM's own wording (no colon after `perform`; recorded: LocalStack test_iam_users
    // get-last-used-nonexistent-key-error, 2026-02): the key's existence is not revealed.
    if (k === undefined || k.accountId !== account.id) {
      throw new AwsServiceError('AccessDenied', 403, `User: ${ctx.caller.principal.arn} is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key ${input.AccessKeyId}`)
    }
    const resource = k.userName === undefined
      ? arns.root(account.id)
      : (account.users.get(key(k.userName))?.arn ?? arns.user(account.id, '/', k.userName))
    authorize(ctx, 'GetAccessKeyLastUsed', resource)
    const last = k.lastUsed
    return {
      UserName: k.userName,
      AccessKeyLastUsed: last
        ? { LastUsedDate: date(last.date), ServiceName: last.service, Region: last.region }
        : { ServiceName: 'N/A', Region: 'N/A' },
    }
  },
})
