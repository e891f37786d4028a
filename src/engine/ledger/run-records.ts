import type { TargetInfo } from '../events.js'
import { ledgerPath, listRunIds, readLedger } from './ledger.js'
import { type LedgerState, ledgerState } from './ledger-state.js'
import { identifiersOf } from './teardown.js'

/** What `iamflow runs` shows about one run. */
export interface RunRecord {
  runId: string
  scenario: { name: string; file: string }
  target: TargetInfo
  startedAt: string
  /**
   * passed / failed / errored / interrupted (the run's end), cleaned (a cleanup finished),
   * running (its process is alive), crashed (no end record and the process is gone).
   */
  status: string
  /** Undo calls still pending plus interrupted creates to recover. */
  leftovers: number
  /** `teardown: false` resources kept on purpose. */
  kept: number
  /** Human list of what is left (`iam.deleteRole RoleName=x`). */
  pending: string[]
  /** The ledger state, for cleanup. */
  state: LedgerState
  path: string
}

/** Read one run's ledger into a record; undefined when the ledger has no header. */
export function readRunRecord(runsDir: string, runId: string): RunRecord | undefined {
  const path = ledgerPath(runsDir, runId)
  const state = ledgerState(readLedger(path))
  const header = state.header
  if (!header) return undefined
  const finished = state.end
  const status = finished ? finished.status : isAlive(header.pid) ? 'running' : 'crashed'
  const pending = [
    ...state.pending.map((p) => `${p.spec.action} ${identifiersOf(p.spec.input)}${p.recovered ? ' (recovered)' : ''}`),
    ...state.open.map((o) => `interrupted ${o.action} ${identifiersOf(o.input)} (may have created something)`),
  ]
  return {
    runId,
    scenario: header.scenario,
    target: header.target,
    startedAt: header.startedAt,
    status,
    // A throw-away embedded emulator took its resources with it.
    leftovers: header.target.kind === 'embedded' && !header.target.statePath ? 0 : state.pending.length + state.open.length,
    kept: state.kept.length,
    pending,
    state,
    path,
  }
}

/** A run directory whose ledger cannot be read: it may still name resources that exist. */
export interface UnreadableRun {
  runId: string
  path: string
  reason: string
}

/**
 * Every run under `runsDir`, oldest first, and the runs whose ledger cannot be read (no header,
 * or not parseable): listed apart so that nobody mistakes an unreadable ledger for a clean run.
 */
export function listRuns(runsDir: string): { records: RunRecord[]; unreadable: UnreadableRun[] } {
  const records: RunRecord[] = []
  const unreadable: UnreadableRun[] = []
  for (const id of listRunIds(runsDir)) {
    try {
      const r = readRunRecord(runsDir, id)
      if (r) records.push(r)
      // No record at all: the run was stopped before its header was written, which is before
      // any call, so it made nothing. Records without a header: the ledger is damaged.
      else if (readLedger(ledgerPath(runsDir, id)).length > 0) unreadable.push({ runId: id, path: ledgerPath(runsDir, id), reason: 'the ledger has no run header' })
    } catch (err) {
      unreadable.push({ runId: id, path: ledgerPath(runsDir, id), reason: err instanceof Error ? err.message.split('\n')[0].slice(0, 200) : 'unreadable' })
    }
  }
  return { records, unreadable }
}

/** Every readable run under `runsDir`, oldest first (see listRuns for the unreadable ones). */
export function listRunRecords(runsDir: string): RunRecord[] {
  return listRuns(runsDir).records
}

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
