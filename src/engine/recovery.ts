import type { UndoSpec } from '../actions/define-action.js'
import { resolveAction } from '../actions/registry.js'
import { isGone } from '../aws/errors.js'
import { type ActionCaller, unwrap } from './caller.js'
import type { OpenIntent } from './ledger-state.js'
import { ownGet } from '../safe-object.js'

/**
 * Recovery of interrupted create calls: the ONE place iamflow finds resources by name.
 *
 * Normally teardown replays the undo recorded with the real identifiers after each call. When
 * the process died (or the answer was lost) between the call and that record, the ledger holds
 * only the intent: action + interpolated input. The resource may or may not exist. For the
 * create calls whose identifiers are all in the input (users, roles, groups, buckets,
 * attachments, inline policies, ...) the action's own `undo` is computed from the input alone;
 * the few whose identifiers AWS assigns are found by listing:
 * - `iam.createPolicy`: the ARN follows from the account, path and name;
 * - `iam.createAccessKey`: the user's keys created since the intent (minus clock skew);
 * - `iam.createPolicyVersion`: the policy's non-default versions created since the intent.
 * Deleting something that was never created answers NoSuchEntity, which teardown counts as done.
 */
export interface RecoveryContext {
  call: ActionCaller
  /** The account the run acted in (for ARNs). */
  accountId: string
  /** Tolerated clock difference between this machine and AWS when comparing creation times. */
  skewMs?: number
}

type Finder = (input: Record<string, unknown>, intent: OpenIntent, ctx: RecoveryContext) => Promise<UndoSpec[] | undefined>

const DEFAULT_SKEW_MS = 5 * 60_000

const finders: Record<string, Finder> = {
  'iam.createPolicy': async (input, _intent, ctx) => {
    if (typeof input.PolicyName !== 'string') return undefined
    const path = typeof input.Path === 'string' ? input.Path : '/'
    return [{ action: 'iam.deletePolicy', input: { PolicyArn: `arn:aws:iam::${ctx.accountId}:policy${path}${input.PolicyName}` } }]
  },
  'iam.createAccessKey': async (input, intent, ctx) => {
    if (typeof input.UserName !== 'string') return undefined
    const since = Date.parse(intent.at) - (ctx.skewMs ?? DEFAULT_SKEW_MS)
    const result = await ctx.call('iam.listAccessKeys', { UserName: input.UserName })
    if (!result.ok && result.outcome.kind === 'error' && isGone(result.outcome)) return []
    const keys = ((unwrap(result, 'list access keys') as { AccessKeyMetadata?: Array<{ AccessKeyId?: string; CreateDate?: Date }> }).AccessKeyMetadata ?? [])
    return keys
      .filter((k) => k.AccessKeyId && (!k.CreateDate || new Date(k.CreateDate).getTime() >= since))
      .map((k) => ({ action: 'iam.deleteAccessKey', input: { UserName: input.UserName, AccessKeyId: k.AccessKeyId } }))
  },
  'iam.createPolicyVersion': async (input, intent, ctx) => {
    if (typeof input.PolicyArn !== 'string') return undefined
    const since = Date.parse(intent.at) - (ctx.skewMs ?? DEFAULT_SKEW_MS)
    const result = await ctx.call('iam.listPolicyVersions', { PolicyArn: input.PolicyArn })
    if (!result.ok && result.outcome.kind === 'error' && isGone(result.outcome)) return []
    const versions = ((unwrap(result, 'list policy versions') as { Versions?: Array<{ VersionId?: string; IsDefaultVersion?: boolean; CreateDate?: Date }> }).Versions ?? [])
    return versions
      .filter((v) => v.VersionId && !v.IsDefaultVersion && (!v.CreateDate || new Date(v.CreateDate).getTime() >= since))
      .map((v) => ({ action: 'iam.deletePolicyVersion', input: { PolicyArn: input.PolicyArn, VersionId: v.VersionId } }))
  },
}

/**
 * The undo calls that remove whatever an interrupted intent may have created, or undefined
 * when iamflow cannot tell (the run then reports it as a leftover to check by hand).
 */
export async function recoverIntent(intent: OpenIntent, ctx: RecoveryContext): Promise<UndoSpec[] | undefined> {
  // The action name comes from the ledger file: only the table's own entries are finders.
  const finder = ownGet(finders, intent.action)
  if (finder) return finder(intent.input, intent, ctx)
  const action = resolveAction(intent.action)
  if (!action?.undo) return undefined
  try {
    const undo = action.undo(intent.input, {})
    const specs = undo === undefined ? [] : Array.isArray(undo) ? undo : [undo]
    return specs.every((s) => Object.values(s.input).every((v) => v !== undefined && v !== '')) ? specs : undefined
  } catch {
    return undefined
  }
}
