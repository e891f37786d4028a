import type { ChildProcess } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunResult } from '../src/engine/events.js'
import type { JsonReport } from '../src/reporters/json.js'
import { runIamflow, spawnIamflow } from './run-cli-helpers.js'
import { cleanTmp, tmp } from './runner-helpers.js'

// `iamflow run --parallel N` through the built CLI: on a machine with several cores, files run
// on worker threads (test/run-parallel-threads.test.ts proves that part); the output, exit
// codes and signals must be those of a serial run.

/** Children still running when a test fails are killed before their directory is removed. */
const spawned: ChildProcess[] = []
afterEach(() => {
  for (const child of spawned.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  cleanTmp()
})

const env = { AWS_ENDPOINT_URL: '', NO_COLOR: '1' }
const ASSUME_ROLE = readFileSync(resolve('scenarios/assume-role.yaml'), 'utf8')
/** A string shaped like an emulator secret key (40 characters of its alphabet, standing alone). */
const SECRET_SHAPED = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/

/** scenarios/ in a temp dir, explicit-deny.yaml with one expectation broken. */
function mixed(cwd: string): string {
  const dir = join(cwd, 'scenarios')
  cpSync(resolve('scenarios'), dir, { recursive: true })
  const file = join(dir, 'explicit-deny.yaml')
  const text = readFileSync(file, 'utf8')
  writeFileSync(file, text.replace('message: "with an explicit deny in an identity-based policy"', 'message: "with an implicit deny in an identity-based policy"'))
  return dir
}

function copies(dir: string, n: number): void {
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `copy-${i}.yaml`), ASSUME_ROLE.replace(/^name: assume-role$/m, `name: copy-${i}`))
}

function report(file: string): JsonReport {
  return JSON.parse(readFileSync(file, 'utf8')) as JsonReport
}

/** Per scenario: status, exit code and each step's status and failures (order-independent). */
function byScenario(runs: RunResult[]): Record<string, unknown> {
  return Object.fromEntries(runs.map((r) => [r.scenario.name, { status: r.status, exitCode: r.exitCode, steps: r.steps.map((s) => [s.id, s.status, s.failures]), teardown: r.teardown.status }]))
}

describe('iamflow run --parallel (spawned)', () => {
  it('passing and failing files: same report, summary and exit code as --parallel 1', { timeout: 90_000 }, async () => {
    const cwd = tmp()
    const dir = mixed(cwd)
    const serial = await runIamflow(['run', dir, '--parallel', '1', '--reporter', 'console', '--reporter', 'json', '--output', 'serial.json'], { cwd, env })
    const parallel = await runIamflow(['run', dir, '--parallel', '4', '--reporter', 'console', '--reporter', 'json', '--output', 'parallel.json'], { cwd, env })
    expect(serial.code).toBe(1)
    expect(parallel.code).toBe(1)
    expect(parallel.stderr).toBe('')
    const s = report(join(cwd, 'serial.json'))
    const p = report(join(cwd, 'parallel.json'))
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'))
    expect(p.summary).toMatchObject({ runs: files.length, passed: files.length - 1, failed: 1, errored: 0, skipped: 0, exitCode: 1 })
    expect({ ...p.summary, durationMs: 0 }).toEqual({ ...s.summary, durationMs: 0 })
    expect(byScenario(p.runs)).toEqual(byScenario(s.runs))
    // Every step of every file reached the JSON reporter, with its status and timing.
    for (const run of p.runs) {
      const declared = (readFileSync(run.scenario.file, 'utf8').match(/^ {2}- id: /gm) ?? []).length
      expect(run.steps).toHaveLength(declared)
      for (const step of run.steps) expect(step).toMatchObject({ status: expect.stringMatching(/^(passed|failed)$/), durationMs: expect.any(Number), startedAt: expect.any(String) })
    }
    expect(p.runs.find((r) => r.status === 'failed')!.scenario.name).toBe('explicit-deny')
    // The console saw the same: one header per file, the failure, the totals.
    for (const run of p.runs) expect(parallel.stdout).toContain(`${run.scenario.name} (${run.scenario.file}) run ${run.runId}`)
    expect(parallel.stdout).toContain('message: expected with an implicit deny in an identity-based policy')
    for (const text of [parallel.stdout, readFileSync(join(cwd, 'parallel.json'), 'utf8')]) expect(text).not.toMatch(SECRET_SHAPED)
  })

  it('--bail stops new files after a failure and still exits 1', { timeout: 60_000 }, async () => {
    const cwd = tmp()
    const dir = join(cwd, 'scenarios')
    mkdirSync(dir)
    writeFileSync(join(dir, 'a-fail.yaml'), 'name: a-fail\nsteps:\n  - id: get\n    action: iam.getUser\n    input: { UserName: nobody }\n')
    copies(dir, 7)
    // Copies wait for propagation (consistency delay), so a-fail is over while they run.
    const r = await runIamflow(['run', dir, '--parallel', '2', '--bail', '--consistency-delay', '1000', '--reporter', 'json'], { cwd, env })
    expect(r.code).toBe(1)
    const doc = JSON.parse(r.stdout) as JsonReport
    expect(doc.runs[0]).toMatchObject({ scenario: { name: 'a-fail' }, status: 'failed' })
    expect(doc.summary).toMatchObject({ runs: 2, failed: 1, passed: 1, skipped: 6, exitCode: 1 })
  })

  it('Ctrl-C stops every running file, tears each down, skips the rest and exits 130', { timeout: 60_000 }, async () => {
    const cwd = tmp()
    const dir = join(cwd, 'scenarios')
    mkdirSync(dir)
    // With several files, the console prints each file's lines when it ends: a-quick's lines
    // say the suite is running. By then its worker has been handed the next file, and the other
    // worker is running one that waits for propagation (30 s consistency delay).
    writeFileSync(join(dir, 'a-quick.yaml'), 'name: a-quick\nsteps:\n  - id: whoami\n    action: sts.getCallerIdentity\n')
    copies(dir, 4)
    const p = spawnIamflow(['run', dir, '--parallel', '2', '--consistency-delay', '30000', '--runs-dir', 'runs', '--reporter', 'console', '--reporter', 'json', '--output', 'report.json'], { cwd, env })
    spawned.push(p.child)
    await p.waitFor(/a-quick \(.*\) run [\s\S]*PASSED 1\/1 steps passed/)
    p.child.kill('SIGINT')
    expect(await p.exit).toBe(130)
    expect(p.stderr()).toContain('Interrupted: stopping the steps and tearing down')
    const doc = report(join(cwd, 'report.json'))
    expect(doc.summary).toMatchObject({ runs: 3, passed: 1, interrupted: 2, skipped: 2, exitCode: 130 })
    const stopped = doc.runs.filter((r) => r.status === 'interrupted')
    expect(stopped.map((r) => r.scenario.name)).toEqual([expect.stringMatching(/^copy-\d$/), expect.stringMatching(/^copy-\d$/)])
    for (const run of stopped) {
      expect(run.steps.map((s) => s.status)).toContain('skipped')
      expect(run.teardown).toMatchObject({ status: 'completed', leftovers: 0 })
      expect(p.stdout()).toContain(`${run.scenario.name} (${run.scenario.file}) run ${run.runId}`)
      const ledger = readFileSync(join(cwd, 'runs', run.runId, 'ledger.jsonl'), 'utf8')
      expect(ledger).toContain('"t":"end","status":"interrupted","leftovers":0')
    }
  })

  it.runIf(availableParallelism() >= 2)('an invalid file among several: exit 2 with every problem, as --parallel 1 reports it', { timeout: 60_000 }, async () => {
    const cwd = tmp()
    const dir = join(cwd, 'scenarios')
    mkdirSync(dir)
    copies(dir, 3)
    writeFileSync(join(dir, 'broken.yaml'), 'name: broken\nsteps:\n  - id: a\n    action: iam.createUsr\n')
    const serial = await runIamflow(['run', dir, '--parallel', '1', '--runs-dir', 'runs'], { cwd, env })
    const parallel = await runIamflow(['run', dir, '--parallel', '4', '--runs-dir', 'runs'], { cwd, env })
    expect(parallel.code).toBe(2)
    expect(parallel.stdout).toBe('')
    expect(parallel.stderr).toBe(serial.stderr)
    expect(parallel.stderr).toMatch(/broken\.yaml:4:\d+: error \[unknown-action\]: .*iam\.createUsr/)
    expect(() => readdirSync(join(cwd, 'runs'))).toThrow(/ENOENT/)
  })
})
