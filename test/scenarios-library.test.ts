import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DIR, EMPTY, brief, expectMutantFails, files, libraryMutants, runText } from './helpers/library.js'

/**
 * The scenario library (issue 7): every file in scenarios/ passes on the embedded emulator and
 * leaves the account empty; and its expectations are not vacuous — weakening or flipping any
 * of them makes the run fail at that step.
 */

const runsDir = mkdtempSync(join(tmpdir(), 'iamflow-library-'))
afterAll(() => rmSync(runsDir, { recursive: true, force: true }))

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
      const { result, leftovers } = await runText(text, join(DIR, file), runsDir)
      expect(result.steps.filter((s) => s.status !== 'passed').map(brief)).toEqual([])
      expect(result.steps.flatMap((s) => s.unverifiable)).toEqual([])
      expect(result.teardown.status).toBe('completed')
      expect(result.exitCode).toBe(0)
      expect(leftovers).toEqual(EMPTY)
    })
  }
})

describe('expectations are not vacuous: each weakened or flipped one fails its step', () => {
  const { all, quick, long } = libraryMutants()

  it('finds expectations to mutate in every scenario', () => {
    const perFile = new Set(all.map((m) => m.file))
    expect([...perFile].sort()).toEqual(files)
    expect(all.length).toBeGreaterThan(60)
    // The long variant (scenarios-library-mutants.long.test.ts) flips the rest: none is lost.
    expect(quick.length + long.length).toBe(all.length)
    expect(new Set(quick.map((m) => m.file))).toEqual(perFile)
  })

  for (const m of quick) {
    it(`${m.file} step ${m.stepId}: ${m.what}`, () => expectMutantFails(m, runsDir))
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
      const { result } = await runText(text, join(DIR, t.file), runsDir)
      const denied = result.steps.find((s) => s.id === t.denied)!
      const allowed = result.steps.find((s) => s.id === t.allowed)!
      expect(denied.action).toBe(allowed.action)
      expect(denied.outcome).toMatchObject({ kind: 'error', code: t.code })
      expect(allowed.outcome?.kind).toBe('success')
    })
  }
})
