import type { UndoSpec } from '../../actions/define-action.js'
import type { LedgerRecord } from './ledger.js'

/** One undo call still to replay. */
export interface PendingUndo {
  /** seq of the `undo` record. */
  undo: number
  /** Index of this call inside the record's list. */
  index: number
  /** seq of the intent: teardown replays higher intents first. */
  intent: number
  stepId: string
  /** The named account whose operator replays it (absent: the default account). */
  account?: string
  spec: UndoSpec
  recovered: boolean
}

/** An intent whose call never recorded its outcome (crash or interruption mid-call). */
export interface OpenIntent {
  seq: number
  stepId: string
  /** The named account the call was made in (absent: the default account). */
  account?: string
  action: string
  input: Record<string, unknown>
  at: string
}

/** What a ledger says is left to do. */
export interface LedgerState {
  header?: Extract<LedgerRecord, { t: 'run' }>
  /** Pending undo calls in replay order (last created first). */
  pending: PendingUndo[]
  /** Intents with neither undo nor settled, newest first. */
  open: OpenIntent[]
  /** Undo calls kept on purpose (`teardown: false`). */
  kept: PendingUndo[]
  /** The last `end` record, if the run (or a cleanup) finished. */
  end?: Extract<LedgerRecord, { t: 'end' }>
}

/** Fold ledger records into what is still pending. */
export function ledgerState(records: LedgerRecord[]): LedgerState {
  const state: LedgerState = { pending: [], open: [], kept: [] }
  const intents = new Map<number, Extract<LedgerRecord, { t: 'intent' }>>()
  const resolved = new Set<number>()
  const done = new Set<string>()
  const undos: Array<Extract<LedgerRecord, { t: 'undo' }>> = []
  for (const r of records) {
    switch (r.t) {
      case 'run':
        state.header = r
        break
      case 'intent':
        intents.set(r.seq, r)
        break
      case 'undo':
        resolved.add(r.intent)
        undos.push(r)
        break
      case 'settled':
        resolved.add(r.intent)
        break
      case 'done':
        done.add(`${r.undo}.${r.index}`)
        break
      case 'end':
        state.end = r
        break
      default: {
        const unreachable: never = r
        throw new Error(`internal error: unknown ledger record ${JSON.stringify(unreachable)}`)
      }
    }
  }
  for (const u of undos) {
    u.undo.forEach((spec, index) => {
      const item: PendingUndo = { undo: u.seq, index, intent: u.intent, stepId: u.stepId, ...(u.account !== undefined ? { account: u.account } : {}), spec, recovered: u.recovered === true }
      if (u.kept) state.kept.push(item)
      else if (!done.has(`${u.seq}.${index}`)) state.pending.push(item)
    })
  }
  // Last created first; inside one step's list, the order the action gave.
  const order = (a: PendingUndo, b: PendingUndo) => b.intent - a.intent || a.undo - b.undo || a.index - b.index
  state.pending.sort(order)
  state.kept.sort(order)
  for (const [seq, i] of intents) {
    if (!resolved.has(seq) && !i.kept) state.open.push({ seq, stepId: i.stepId, ...(i.account !== undefined ? { account: i.account } : {}), action: i.action, input: i.input, at: i.at })
  }
  state.open.sort((a, b) => b.seq - a.seq)
  return state
}
