import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { buildPlan } from '../../../src/engine/plan/plan.js'
import { loadScenarioFile } from '../../../src/scenario/load.js'

/** The reliability fixtures (scenarios that exercise every kind of resource). */
export const FIXTURE_DIR = resolve('test/helpers/reliability/scenarios')

/** Absolute paths of every scenario in scenarios/ (the labs), sorted. */
export function labScenarios(): string[] {
  const dir = resolve('scenarios')
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f))
}

/** The labs plus the reliability fixtures. */
export function allScenarios(): string[] {
  return [...labScenarios(), ...readdirSync(FIXTURE_DIR).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(FIXTURE_DIR, f))]
}

/**
 * About how many requests a full run of `file` sends: one GetCallerIdentity to identify the
 * operator, one per step and per declared assume, one per recorded undo.
 */
export async function expectedRequests(file: string): Promise<number> {
  const plan = buildPlan(await loadScenarioFile(file))
  const steps = plan.steps.length + plan.steps.reduce((n, s) => n + (s.assumes?.length ?? 0), 0)
  const undos = plan.teardown.reduce((n, t) => n + t.actions.length, 0)
  return 1 + steps + undos
}
