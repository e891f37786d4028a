import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunEvent, RunResult } from '../src/engine/events.js'
import { buildPlan } from '../src/engine/plan/plan.js'
import { runPlan, type RunOptions } from '../src/engine/run/runner.js'
import { openTarget, type RunTarget, type TargetOptions } from '../src/engine/targets/targets.js'
import { loadScenarioText } from '../src/scenario/load.js'

/** Temporary directories removed by `cleanTmp`. */
const dirs: string[] = []
export function tmp(prefix = 'iamflow-run-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(d)
  return d
}
export function cleanTmp(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

/** Run scenario text on a fresh embedded emulator (or `target`), collecting events. */
export async function runText(
  text: string,
  opts: { target?: RunTarget; targetOptions?: TargetOptions; run?: Partial<RunOptions>; file?: string } = {},
): Promise<{ result: RunResult; events: RunEvent[]; target: RunTarget }> {
  const scenario = loadScenarioText(text, opts.file ?? 'inline.yaml')
  const target = opts.target ?? (await openTarget(opts.targetOptions ?? {}))
  const events: RunEvent[] = []
  const result = await runPlan({ plan: buildPlan(scenario), target, runsDir: tmp(), emit: (e) => events.push(e), teardownMinTimeoutMs: 1, ...opts.run })
  return { result, events, target }
}

/** `{ id: status }` of a run's steps. */
export function statuses(result: RunResult): Record<string, string> {
  return Object.fromEntries(result.steps.map((s) => [s.id, s.status]))
}

/** What the account still holds (users, roles, groups, policies, keys, buckets). */
export function leftovers(target: RunTarget): Record<string, string[]> {
  const inv = target.emulator!.inventory()
  return { users: inv.users, roles: inv.roles, groups: inv.groups, policies: inv.policies, accessKeys: inv.accessKeys, buckets: inv.buckets, mfaDevices: inv.mfaDevices }
}

export const EMPTY = { users: [], roles: [], groups: [], policies: [], accessKeys: [], buckets: [], mfaDevices: [] }

/** The outcome records in `dir` (`*.record.yaml`), by file name, in name order. */
export function records(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.record.yaml')).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
}
