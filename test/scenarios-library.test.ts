import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import type { RunResult, StepResult } from '../src/engine/events.js'
import { buildPlan } from '../src/engine/plan/plan.js'
import { runPlan } from '../src/engine/run/runner.js'
import { openTarget } from '../src/engine/targets/targets.js'
import { targetForScenario } from '../src/engine/targets/scenario-target.js'
import { ScenarioInvalidError } from '../src/scenario/diagnostics.js'
import { loadScenarioText } from '../src/scenario/load.js'

/**
 * The scenario library (issue 7): every file in scenarios/ passes on the embedded emulator and
 * leaves the account empty; and its expectations are not vacuous — weakening or flipping any
 * of them makes the run fail at that step.
 */

const DIR = 'scenarios'
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()
const runsDir = mkdtempSync(join(tmpdir(), 'iamflow-library-'))
afterAll(() => rmSync(runsDir, { recursive: true, force: true }))

async function runText(text: string, file: string): Promise<{ result: RunResult; leftovers: Record<string, string[]> }> {
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

function brief(s: StepResult) {
  return { id: s.id, status: s.status, reason: s.reason, failures: s.failures, outcome: s.outcome }
}

const EMPTY = { users: [], roles: [], groups: [], policies: [], accessKeys: [], buckets: [], objects: [], oidcProviders: [], mfaDevices: [] }

describe('every scenario in scenarios/ passes on the embedded emulator', () => {
  it('has the seed labs and the negative labs', () => {
    for (const name of [
      'assume-role.yaml',
      'jill-list-users.yaml',
      'cheatsheet-assume-role.yaml',
      'james-s3-readonly.yaml',
      'untrusted-user.yaml',
      'session-duration-limits.yaml',
      'role-chaining.yaml',
      'session-policy.yaml',
      'explicit-deny.yaml',
      'permissions-boundary.yaml',
      'external-id.yaml',
      'root-cannot-assume.yaml',
      'bucket-policy.yaml',
      'stale-access-key.yaml',
      'cross-account-delegation.yaml',
      'snapshot-ci-role.yaml',
    ]) {
      expect(files).toContain(name)
    }
  })

  for (const file of files) {
    it(`${file}: all expectations hold, teardown completes, nothing is left`, async () => {
      const text = readFileSync(join(DIR, file), 'utf8')
      expect(text.startsWith('# yaml-language-server: $schema=../schema/scenario.schema.json\n')).toBe(true)
      const { result, leftovers } = await runText(text, join(DIR, file))
      expect(result.steps.filter((s) => s.status !== 'passed').map(brief)).toEqual([])
      expect(result.steps.flatMap((s) => s.unverifiable)).toEqual([])
      expect(result.teardown.status).toBe('completed')
      expect(result.exitCode).toBe(0)
      expect(leftovers).toEqual(EMPTY)
    })
  }
})

/** One way of weakening or flipping a step's expectation. */
interface Mutant {
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
function mutants(file: string): Mutant[] {
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

describe('expectations are not vacuous: each weakened or flipped one fails its step', () => {
  const all = files.flatMap(mutants)

  it('finds expectations to mutate in every scenario', () => {
    const perFile = new Set(all.map((m) => m.file))
    expect([...perFile].sort()).toEqual(files)
    expect(all.length).toBeGreaterThan(60)
  })

  for (const m of all) {
    it(`${m.file} step ${m.stepId}: ${m.what}`, async () => {
      let loaded: Awaited<ReturnType<typeof runText>>
      try {
        loaded = await runText(m.text, join(DIR, m.file))
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
    })
  }
})

/**
 * For each negative lab, the denied case and its positive twin (same action, one thing
 * different) really differ: same emulator run, opposite outcomes.
 */
const TWINS: Array<{ file: string; denied: string; allowed: string; code: string }> = [
  { file: 'untrusted-user.yaml', denied: 'bob-refused', allowed: 'alice-assumes', code: 'AccessDenied' },
  { file: 'external-id.yaml', denied: 'wrong-external-id', allowed: 'right-external-id', code: 'AccessDenied' },
  { file: 'session-policy.yaml', denied: 'narrow-cannot-list-users', allowed: 'full-lists-users', code: 'AccessDenied' },
  { file: 'explicit-deny.yaml', denied: 'denied-now', allowed: 'lists-roles-before', code: 'AccessDenied' },
  { file: 'permissions-boundary.yaml', denied: 'boundary-grants-nothing', allowed: 's3-allowed', code: 'AccessDenied' },
  { file: 'root-cannot-assume.yaml', denied: 'root-refused', allowed: 'user-assumes', code: 'AccessDenied' },
  { file: 'bucket-policy.yaml', denied: 'outsider-denied', allowed: 'reader-reads', code: 'AccessDenied' },
  { file: 'bucket-policy.yaml', denied: 'reader-denied-before', allowed: 'reader-reads', code: 'AccessDenied' },
  { file: 'stale-access-key.yaml', denied: 'inactive-refused', allowed: 'works-again', code: 'InvalidClientTokenId' },
  { file: 'session-duration-limits.yaml', denied: 'too-short', allowed: 'minimum-ok', code: 'ValidationError' },
  { file: 'session-duration-limits.yaml', denied: 'beyond-max', allowed: 'now-allowed', code: 'ValidationError' },
  { file: 'role-chaining.yaml', denied: 'chain-too-long', allowed: 'chain-one-hour', code: 'ValidationError' },
  { file: 'james-s3-readonly.yaml', denied: 'account-trust-is-not-enough', allowed: 'assume', code: 'AccessDenied' },
  { file: 'james-s3-readonly.yaml', denied: 'james-cannot-ls', allowed: 'role-can-ls', code: 'AccessDenied' },
  { file: 'jill-list-users.yaml', denied: 'jill-cannot-list', allowed: 'list-through-role', code: 'AccessDenied' },
  { file: 'snapshot-ci-role.yaml', denied: 'ci-cannot-delete-audit-entry', allowed: 'ci-cleans-its-bucket', code: 'AccessDenied' },
]

describe('negative labs: the denied case and its positive twin differ', () => {
  for (const t of TWINS) {
    it(`${t.file}: ${t.denied} is ${t.code}, ${t.allowed} succeeds with the same action`, async () => {
      const text = readFileSync(join(DIR, t.file), 'utf8')
      const { result } = await runText(text, join(DIR, t.file))
      const denied = result.steps.find((s) => s.id === t.denied)!
      const allowed = result.steps.find((s) => s.id === t.allowed)!
      expect(denied.action).toBe(allowed.action)
      expect(denied.outcome).toMatchObject({ kind: 'error', code: t.code })
      expect(allowed.outcome?.kind).toBe('success')
    })
  }
})
