import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { parseDocument } from 'yaml'
import type { RunResult, StepResult } from '../../src/engine/events.js'
import { buildPlan } from '../../src/engine/plan/plan.js'
import { runPlan } from '../../src/engine/run/runner.js'
import { openTarget } from '../../src/engine/targets/targets.js'
import { targetForScenario } from '../../src/engine/targets/scenario-target.js'
import { ScenarioInvalidError } from '../../src/scenario/diagnostics.js'
import { loadScenarioText } from '../../src/scenario/load.js'

/**
 * The scenario library's runs and mutants (test/scenarios-library.test.ts and its long variant):
 * every file in scenarios/ run on a fresh embedded emulator, and each of its expectations
 * weakened or flipped.
 */

export const DIR = 'scenarios'
export const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()

export async function runText(text: string, file: string, runsDir: string): Promise<{ result: RunResult; leftovers: Record<string, string[]> }> {
  const scenario = loadScenarioText(text, file)
  // A scenario's snapshot: seeds its fresh emulator, as `iamflow run` does (targetForScenario).
  const target = await openTarget(targetForScenario({}, scenario))
  try {
    // What the snapshot seeded is the account's own: teardown must leave exactly that.
    const seeded = new Set<string>()
    const inventory = () => {
      const out: Array<[keyof typeof EMPTY, string]> = []
      for (const { accountId } of target.emulator!.accounts()) {
        const inv = target.emulator!.inventory(accountId)
        for (const key of Object.keys(EMPTY) as Array<keyof typeof EMPTY>) for (const item of inv[key]) out.push([key, `${accountId} ${item}`])
      }
      return out
    }
    for (const [key, item] of inventory()) seeded.add(`${key} ${item}`)
    const result = await runPlan({ plan: buildPlan(scenario), target, runsDir })
    // Every account the run acted in (the default one and those a scenario declares under accounts:), less what was there before.
    const leftovers = { users: [], roles: [], groups: [], policies: [], accessKeys: [], buckets: [], objects: [], oidcProviders: [], mfaDevices: [] } as Record<keyof typeof EMPTY, string[]>
    for (const [key, item] of inventory()) if (!seeded.has(`${key} ${item}`)) leftovers[key].push(item)
    if (scenario.snapshot !== undefined) {
      // Not vacuous: the snapshot's principals and buckets were there, and are still there.
      expect(seeded.size).toBeGreaterThan(0)
      expect(inventory().length).toBe(seeded.size)
    }
    return { result, leftovers }
  } finally {
    await target.close()
  }
}

export function brief(s: StepResult) {
  return { id: s.id, status: s.status, reason: s.reason, failures: s.failures, outcome: s.outcome }
}

export const EMPTY = { users: [], roles: [], groups: [], policies: [], accessKeys: [], buckets: [], objects: [], oidcProviders: [], mfaDevices: [] }

/** One way of weakening or flipping a step's expectation. */
export interface Mutant {
  file: string
  stepId: string
  what: string
  text: string
}

const OTHER_BECAUSE: Record<string, string> = {
  implicitDeny: 'explicitDeny',
  explicitDeny: 'implicitDeny',
  trustPolicy: 'implicitDeny',
  permissionsBoundary: 'sessionPolicy',
  sessionPolicy: 'permissionsBoundary',
  resourcePolicy: 'implicitDeny',
}

/** Every expectation in a file, turned into mutants that must make that step fail. */
export function mutants(file: string): Mutant[] {
  const text = readFileSync(join(DIR, file), 'utf8')
  const out: Mutant[] = []
  const steps = parseDocument(text).toJS().steps as Array<{ id: string; expect?: Record<string, any> }>
  steps.forEach((step, i) => {
    const expectation = step.expect
    if (!expectation) return
    const mutate = (what: string, change: (e: Record<string, any>) => Record<string, any> | undefined) => {
      const doc = parseDocument(text)
      const next = change(structuredClone(expectation))
      if (next === undefined) doc.deleteIn(['steps', i, 'expect'])
      else doc.setIn(['steps', i, 'expect'], doc.createNode(next))
      out.push({ file, stepId: step.id, what, text: doc.toString() })
    }
    if (expectation.error) {
      mutate('expect success instead of the error', () => undefined)
      mutate('expect another error code', (e) => ({ ...e, error: e.error === 'AccessDenied' ? 'NoSuchEntity' : 'AccessDenied' }))
      if (expectation.because) mutate(`because ${OTHER_BECAUSE[expectation.because]}`, (e) => ({ ...e, because: OTHER_BECAUSE[e.because] }))
      if (expectation.message) mutate('message that AWS does not say', (e) => ({ ...e, message: `${e.message} (not said)` }))
    }
    for (const [path, check] of Object.entries((expectation.output ?? {}) as Record<string, unknown>)) {
      const flipped =
        check && typeof check === 'object' && 'exists' in (check as object)
          ? { exists: !(check as { exists: boolean }).exists }
          : check && typeof check === 'object' && 'matches' in (check as object)
            ? { matches: '^this-never-matches$' }
            : check && typeof check === 'object' && 'contains' in (check as object)
              ? { contains: { Name: 'no-such-thing-anywhere' } }
              : typeof check === 'number'
                ? check + 1
                : `${String(check)}-not-this`
      mutate(`output ${path} changed`, (e) => ({ ...e, output: { ...e.output, [path]: flipped } }))
    }
  })
  return out
}


/**
 * Labs whose every run makes RSA keys (a SAML IdP's, an OIDC provider's signing key: 0.1-0.5 s
 * each, and several per run). The default suite flips every fourth of their expectations (at
 * least one per step kind's turn); the long variant flips the rest. Every other lab's mutants
 * all run in the default suite.
 */
const KEY_MAKING = new Set(['saml-federation.yaml', 'web-identity-github-actions.yaml'])
const KEEP_EVERY = 4

/** Every mutant of the library, split into the default suite's share and the long variant's. */
export function libraryMutants(): { all: Mutant[]; quick: Mutant[]; long: Mutant[] } {
  const all = files.flatMap(mutants)
  const quick: Mutant[] = []
  const long: Mutant[] = []
  const seen = new Map<string, number>()
  for (const m of all) {
    const n = seen.get(m.file) ?? 0
    seen.set(m.file, n + 1)
    if (KEY_MAKING.has(m.file) && n % KEEP_EVERY !== 0) long.push(m)
    else quick.push(m)
  }
  return { all, quick, long }
}

/** A mutant must make its step fail (or, for input AWS rejects, the scenario fail to validate). */
export async function expectMutantFails(m: Mutant, runsDir: string): Promise<void> {
  let loaded: Awaited<ReturnType<typeof runText>>
  try {
    loaded = await runText(m.text, join(DIR, m.file), runsDir)
  } catch (err) {
    // Expecting success for input AWS rejects (DurationSeconds: 899) is caught even
    // earlier: the scenario no longer validates (exit 2), before any call.
    expect(err).toBeInstanceOf(ScenarioInvalidError)
    expect((err as ScenarioInvalidError).exitCode).toBe(2)
    return
  }
  const { result } = loaded
  const step = result.steps.find((s) => s.id === m.stepId)!
  expect(step.status).toBe('failed')
  expect(result.exitCode).toBe(1)
  // a failed expectation never skips teardown
  expect(result.teardown.status).toBe('completed')
}
