import type { UndoSpec } from '../../actions/define-action.js'
import { resolveAction } from '../../actions/registry.js'
import type { ActionCaller } from '../targets/caller.js'
import type { OpenIntent } from './ledger-state.js'
import { operatorCalls } from '../targets/operator-calls.js'

/**
 * Recovery of interrupted create calls: the ONE place iamflow finds resources by name.
 *
 * Normally teardown replays the undo recorded with the real identifiers after each call. When
 * the process died (or the answer was lost) between the call and that record, the ledger holds
 * only the intent: action + interpolated input. The resource may or may not exist. Each action
 * says how to find what it created (`recover` on its definition): `from-input` when its
 * identifiers are all in the input (users, roles, groups, buckets, attachments, inline
 * policies, ...), so its own `undo` is computed from the input alone; a hook for the few whose
 * identifiers AWS assigns (a policy's ARN by arithmetic, keys and policy versions by listing).
 * Deleting something that was never created answers NoSuchEntity, which teardown counts as done.
 */
export interface RecoveryContext {
  call: ActionCaller
  /** The account the run acted in (for ARNs). */
  accountId: string
  /** Tolerated clock difference between this machine and AWS when comparing creation times. */
  skewMs?: number
}

const DEFAULT_SKEW_MS = 5 * 60_000

/**
 * The undo calls that remove whatever an interrupted intent may have created, or undefined
 * when iamflow cannot tell (the run then reports it as a leftover to check by hand).
 */
export async function recoverIntent(intent: OpenIntent, ctx: RecoveryContext): Promise<UndoSpec[] | undefined> {
  const action = resolveAction(intent.action)
  if (!action?.undo) return undefined
  if (typeof action.recover === 'function') {
    const since = Date.parse(intent.at) - (ctx.skewMs ?? DEFAULT_SKEW_MS)
    return action.recover(intent.input, { calls: operatorCalls(ctx.call), accountId: ctx.accountId, since })
  }
  if (action.recover !== 'from-input') return undefined
  try {
    const undo = action.undo(intent.input, {})
    const specs = undo === undefined ? [] : Array.isArray(undo) ? undo : [undo]
    return specs.every((s) => Object.values(s.input).every((v) => v !== undefined && v !== '')) ? specs : undefined
  } catch {
    return undefined
  }
}
