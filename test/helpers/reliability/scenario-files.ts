import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { buildPlan } from '../../../src/engine/plan/plan.js'
import { loadScenarioFile } from '../../../src/scenario/load.js'

/** The reliability fixtures (scenarios that exercise every kind of resource). */
export const FIXTURE_DIR = resolve('test/helpers/reliability/scenarios')

/**
 * Labs that cannot pass on a plain-HTTP `iamflow serve`, which is what the reliability tests
 * drive: deny-plain-http's bucket policy denies every request without TLS (aws:SecureTransport
 * false), teardown's included, as AWS would. It runs embedded (test/scenarios-library.test.ts).
 */
const NEEDS_TLS = new Set(['deny-plain-http.yaml'])

/**
 * Absolute paths of every scenario in scenarios/ (the labs) that runs over plain HTTP on a
 * fresh `iamflow serve`, sorted. Labs that start from an account snapshot (`snapshot:`) need a
 * serve started from it (`serve --import`), so they are left out (test/snapshots.test.ts runs them).
 */
export function labScenarios(): string[] {
  const dir = resolve('scenarios')
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !NEEDS_TLS.has(f))
    .sort()
    .map((f) => join(dir, f))
    .filter((f) => !/^snapshot:/m.test(readFileSync(f, 'utf8')))
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
