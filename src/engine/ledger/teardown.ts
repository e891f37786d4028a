import pRetry, { AbortError } from 'p-retry'
import type { UndoSpec } from '../../actions/define-action.js'
import { type ErrorOutcome, type InfraOutcome, isGone } from '../../aws/errors.js'
import type { ActionCaller } from '../targets/caller.js'
import type { TeardownItem, TeardownResult } from '../events.js'
import type { Ledger } from './ledger.js'
import { type LedgerState, type OpenIntent, type PendingUndo, ledgerState } from './ledger-state.js'
import type { LedgerRecord } from './ledger.js'
import { CONFLICT_CODES, resolveDependencies } from './teardown-deps.js'

export interface TeardownOptions {
  /** The ledger to append `done` (and recovered `undo`) records to. */
  ledger: Ledger
  /** Records read so far (the run's own, or a ledger file for cleanup). */
  records: LedgerRecord[]
  /** Runs registry actions as the operator (of the default account). */
  call: ActionCaller
  /** Runs registry actions as a named account's operator (records with `account:`). */
  callIn?(account: string): ActionCaller
  /** Derive undo calls for an intent whose call never recorded its outcome (recovery.ts). */
  recover(intent: OpenIntent): Promise<UndoSpec[] | undefined>
  /** Second Ctrl-C: stop, leave the rest in the ledger. */
  signal?: AbortSignal
  /** Attempts per undo call for failures other than "already gone" (default 3). */
  attempts?: number
  /** First backoff between attempts in ms (default 250). */
  minTimeoutMs?: number
  onStart?(pending: number): void
  onItem?(item: TeardownItem): void
}

/**
 * Replay the pending undos of a ledger, last created first, meeting AWS's ordering needs
 * (teardown-deps.ts). `NoSuchEntity`/`NoSuchBucket` count as done; other failures are retried,
 * then reported; the ledger keeps whatever is left.
 */
export async function teardown(opts: TeardownOptions): Promise<TeardownResult> {
  const started = performance.now()
  const records = [...opts.records]
  let state = ledgerState(records)
  const recoveryItems: TeardownItem[] = []
  for (const intent of state.open) {
    const specs = await opts.recover(intent).catch(() => undefined)
    if (!specs) {
      recoveryItems.push({ stepId: intent.stepId, ...(intent.account !== undefined ? { account: intent.account } : {}), action: intent.action, target: identifiersOf(intent.input), status: 'failed', attempts: 0, durationMs: 0, recovered: true, error: { code: 'Unrecoverable', message: `the call ${intent.action} was interrupted and iamflow cannot tell what it created; check by hand` } })
      continue
    }
    const record = { t: 'undo' as const, intent: intent.seq, stepId: intent.stepId, ...(intent.account !== undefined ? { account: intent.account } : {}), undo: specs, recovered: true, at: new Date().toISOString() }
    const seq = opts.ledger.append(record)
    records.push({ ...record, seq })
  }
  state = ledgerState(records)
  opts.onStart?.(state.pending.length + state.kept.length)
  const items: TeardownItem[] = []
  for (const [i, pending] of state.pending.entries()) {
    if (opts.signal?.aborted) {
      items.push(itemOf(pending, 'skipped', 0, 0))
      continue
    }
    const later = state.pending.slice(i + 1).map((p) => p.spec)
    const item = await replay(pending, later, opts)
    if (item.status === 'done' || item.status === 'gone' || item.status === 'superseded') {
      opts.ledger.append({ t: 'done', undo: pending.undo, index: pending.index, status: item.status, at: new Date().toISOString() })
    }
    items.push(item)
    opts.onItem?.(item)
  }
  for (const kept of state.kept) {
    const item = itemOf(kept, 'kept', 0, 0)
    items.push(item)
    opts.onItem?.(item)
  }
  for (const item of recoveryItems) opts.onItem?.(item)
  items.push(...recoveryItems)
  const leftovers = items.filter((i) => i.status === 'failed' || i.status === 'skipped').length
  return { status: leftovers === 0 ? 'completed' : 'incomplete', items, leftovers, durationMs: Math.round(performance.now() - started) }
}

type Settled = 'done' | 'gone' | 'superseded'

class Retryable extends Error {
  constructor(readonly outcome: ErrorOutcome | InfraOutcome) {
    super(`${outcome.code}: ${outcome.message}`)
  }
}

async function replay(pending: PendingUndo, later: UndoSpec[], opts: TeardownOptions): Promise<TeardownItem> {
  const started = performance.now()
  const call = callerFor(opts, pending.account)
  let attempts = 0
  let resolvedDeps = false
  let settled: Settled | undefined
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const status = await pRetry(
      async (): Promise<Settled> => {
        for (;;) {
          attempts++
          const result = await call(pending.spec.action, pending.spec.input)
          if (result.ok) return (settled = 'done')
          const outcome = result.outcome
          if (outcome.kind === 'infra' && outcome.aborted) throw new AbortError(new Retryable(outcome))
          if (outcome.kind === 'error' && isGone(outcome)) return (settled = 'gone')
          if (outcome.kind === 'error' && CONFLICT_CODES.has(outcome.code) && !resolvedDeps) {
            resolvedDeps = true
            const resolution = await resolveDependencies(pending.spec, { call, later })
            // Not deleted now: the later undo (the policy's deletion) removes it.
            if (resolution === 'superseded') return (settled = 'superseded')
            if (resolution === 'retry') continue
          }
          throw new Retryable(outcome)
        }
      },
      { retries: Math.max(0, (opts.attempts ?? 3) - 1), minTimeout: opts.minTimeoutMs ?? 250, factor: 2, signal: opts.signal },
    )
    return itemOf(pending, status, attempts, elapsed())
  } catch (err) {
    // p-retry rejects on abort even after a successful attempt: what was deleted is deleted.
    if (settled) return itemOf(pending, settled, attempts, elapsed())
    const outcome = err instanceof Retryable ? err.outcome : undefined
    const error = outcome ? { code: outcome.code, message: outcome.message } : { code: 'Error', message: err instanceof Error ? err.message : String(err) }
    if (opts.signal?.aborted) return itemOf(pending, 'skipped', attempts, elapsed(), error)
    return itemOf(pending, 'failed', attempts, elapsed(), error)
  }
}

function itemOf(p: PendingUndo, status: TeardownItem['status'], attempts: number, durationMs: number, error?: { code: string; message: string }): TeardownItem {
  return {
    stepId: p.stepId,
    action: p.spec.action,
    target: identifiersOf(p.spec.input),
    status,
    attempts,
    durationMs,
    ...(error ? { error } : {}),
    ...(p.recovered ? { recovered: true } : {}),
    ...(p.account !== undefined ? { account: p.account } : {}),
  }
}

/** `RoleName=demo, PolicyArn=arn:...` from an undo input's scalar members. */
export function identifiersOf(input: Record<string, unknown>): string {
  return Object.entries(input)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')
}

export type { LedgerState }

/** The caller of the account a record belongs to. */
function callerFor(opts: TeardownOptions, account: string | undefined): ActionCaller {
  if (account === undefined) return opts.call
  if (!opts.callIn) return async () => ({ ok: false, outcome: { kind: 'infra', code: 'UnknownAccount', message: `no operator for account ${account}`, aborted: false } })
  return opts.callIn(account)
}
