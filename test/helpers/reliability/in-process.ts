import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Inventory, RequestLogEntry } from '../../../src/emulator/index.js'
import type { RunResult } from '../../../src/engine/events.js'
import { buildPlan } from '../../../src/engine/plan/plan.js'
import type { Plan } from '../../../src/engine/plan/plan-types.js'
import { runPlan } from '../../../src/engine/run/runner.js'
import { openTarget } from '../../../src/engine/targets/targets.js'
import { loadScenarioFile } from '../../../src/scenario/load.js'

/** A scenario file run on a fresh embedded emulator, with what the emulator saw. */
export interface EmbeddedRun {
  plan: Plan
  result: RunResult
  /** Every request the emulator answered (its request log). */
  requests: RequestLogEntry[]
  /** What the account held after the run (and its teardown). */
  left: Inventory
}

/** Run `file` in-process on a fresh embedded emulator with `emulator` options (faults, clock...). */
export async function runEmbedded(file: string, opts: { emulator?: Record<string, unknown>; bail?: boolean; runsDir?: string } = {}): Promise<EmbeddedRun> {
  const plan = buildPlan(await loadScenarioFile(file))
  const requests: RequestLogEntry[] = []
  const target = await openTarget({ emulator: { ...opts.emulator, onRequest: (e: RequestLogEntry) => requests.push(e) } })
  try {
    const result = await runPlan({ plan, target, runsDir: opts.runsDir ?? mkdtempSync(join(tmpdir(), 'iamflow-rel-runs-')), bail: opts.bail, teardownMinTimeoutMs: 1 })
    return { plan, result, requests, left: target.emulator!.inventory() }
  } finally {
    await target.close()
  }
}

/** The inventory's lists that hold something (empty object = nothing left). */
export function nonEmpty(inv: Inventory): Record<string, string[]> {
  const { accountId: _id, ...lists } = inv
  return Object.fromEntries(Object.entries(lists).filter(([, xs]) => xs.length > 0))
}
