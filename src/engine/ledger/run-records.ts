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

/** Every run under `runsDir`, oldest first (unreadable ledgers are skipped). */
export function listRunRecords(runsDir: string): RunRecord[] {
  const out: RunRecord[] = []
  for (const id of listRunIds(runsDir)) {
    try {
      const r = readRunRecord(runsDir, id)
      if (r) out.push(r)
    } catch {
      // a ledger we cannot parse is reported by `cleanup <id>`, not by the listing
    }
  }
  return out
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
