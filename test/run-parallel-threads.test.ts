import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { RunEvent, RunResult } from '../src/engine/events.js'
import type * as Suite from '../src/engine/suite/suite.js'
import type * as Pool from '../src/engine/suite/workers/pool.js'
import { cleanTmp, tmp } from './runner-helpers.js'

// The worker threads run compiled JavaScript: these tests drive runSuite from the build that
// test/global-setup.ts made of src/ (from the TypeScript sources, runs stay in one thread).
let suite: typeof Suite
let pool: typeof Pool
beforeAll(async () => {
  const build = dirname(dirname(inject('iamflowCli')))
  suite = (await import(pathToFileURL(join(build, 'engine', 'suite', 'suite.js')).href)) as typeof Suite
  pool = (await import(pathToFileURL(join(build, 'engine', 'suite', 'workers', 'pool.js')).href)) as typeof Pool
})
afterEach(cleanTmp)

const CORES = availableParallelism()
const ASSUME_ROLE = readFileSync(resolve('scenarios/assume-role.yaml'), 'utf8')

/** scenarios/ copied, with one expectation of explicit-deny.yaml broken. */
function mixedScenarios(): string[] {
  const dir = join(tmp(), 'scenarios')
  cpSync(resolve('scenarios'), dir, { recursive: true })
  const file = join(dir, 'explicit-deny.yaml')
  const text = readFileSync(file, 'utf8')
  const broken = text.replace('message: "with an explicit deny in an identity-based policy"', 'message: "with an implicit deny in an identity-based policy"')
  expect(broken).not.toBe(text)
  writeFileSync(file, broken)
  return ['assume-role', 'bucket-policy', 'explicit-deny', 'external-id', 'james-s3-readonly', 'role-chaining', 'session-policy', 'untrusted-user'].map((n) => join(dir, `${n}.yaml`))
}

/** `n` copies of assume-role.yaml named `<prefix>-<i>`. */
function copies(dir: string, n: number, prefix = 'copy'): string[] {
  return Array.from({ length: n }, (_, i) => {
    const f = join(dir, `${prefix}-${i}.yaml`)
    writeFileSync(f, ASSUME_ROLE.replace(/^name: assume-role$/m, `name: ${prefix}-${i}`))
    return f
  })
}

/** What must not depend on where a run ran: statuses, failures, outcomes, teardown (ids masked). */
function essence(r: RunResult): unknown {
  const e = {
    scenario: r.scenario,
    status: r.status,
    exitCode: r.exitCode,
    steps: r.steps.map((s) => ({ id: s.id, status: s.status, failures: s.failures, outcome: s.outcome?.kind === 'error' ? s.outcome.code : s.outcome?.kind, reason: s.reason })),
    teardown: { status: r.teardown.status, leftovers: r.teardown.leftovers, items: r.teardown.items.map((i) => `${i.action} ${i.target} ${i.status}`) },
  }
  return JSON.parse(JSON.stringify(e).replaceAll(r.runId, '<run-id>').replace(/AKIA[0-9A-Z]{16}/g, '<key-id>'))
}

function collect(): { events: RunEvent[]; emit: (e: RunEvent) => void } {
  const events: RunEvent[] = []
  return { events, emit: (e) => void events.push(e) }
}

describe.runIf(CORES >= 2)('runSuite on worker threads', () => {
  it('gives the same results, summary and exit code as one thread for passing and failing files', async () => {
    const files = mixedScenarios()
    const runsDir = tmp()
    const t = collect()
    const threaded = await suite.runSuite({ files, target: {}, runsDir, parallel: 4, emit: t.emit })
    const serial = await suite.runSuite({ files, target: {}, runsDir, parallel: 4, threads: false })
    expect(threaded.threads).toBe(Math.min(4, CORES))
    expect(serial.threads).toBe(0)
    const { durationMs: _a, ...summary } = threaded.summary
    const { durationMs: _b, ...serialSummary } = serial.summary
    expect(summary).toEqual({ runs: 8, passed: 7, failed: 1, errored: 0, interrupted: 0, skipped: 0, exitCode: 1 })
    expect(summary).toEqual(serialSummary)
    expect(threaded.results.map(essence)).toEqual(serial.results.map(essence))
    const failed = threaded.results.find((r) => r.status === 'failed')!
    expect(failed.scenario.name).toBe('explicit-deny')
    expect(failed.steps.flatMap((s) => s.failures)).toEqual([
      expect.objectContaining({ what: 'message', expected: 'with an implicit deny in an identity-based policy' }),
    ])
    // suite:end carries the same results the suite returns, in file order.
    const end = t.events.at(-1)!
    expect(end.type).toBe('suite:end')
    expect(end.type === 'suite:end' && end.results.map((r) => r.scenario.name)).toEqual(threaded.results.map((r) => r.scenario.name))
    expect(threaded.results.map((r) => r.scenario.file)).toEqual(files)
  })

  it('delivers every event of every run to the main thread, in order per run', async () => {
    const dir = tmp()
    const files = copies(dir, 6)
    const t = collect()
    const { results, threads } = await suite.runSuite({ files, target: {}, runsDir: dir, parallel: 3, emit: t.emit })
    expect(threads).toBe(Math.min(3, CORES))
    expect(t.events[0]).toEqual({ type: 'suite:start', files, parallel: 3 })
    expect(new Set(results.map((r) => r.runId)).size).toBe(6)
    for (const r of results) {
      const mine = t.events.filter((e) => 'runId' in e && e.runId === r.runId)
      const kinds = mine.map((e) => (e.type === 'step:start' || e.type === 'step:end' ? `${e.type} ${e.type === 'step:start' ? e.stepId : e.result.id}` : e.type))
      const steps = r.steps.map((s) => s.id)
      expect(steps).toHaveLength(9)
      expect(kinds).toEqual([
        'run:start',
        ...steps.flatMap((id) => [`step:start ${id}`, `step:end ${id}`]),
        'teardown:start',
        ...r.teardown.items.map(() => 'teardown:item'),
        'teardown:end',
        'run:end',
      ])
      const end = mine.at(-1)!
      expect(end.type === 'run:end' && end.result).toEqual(r)
      expect(r.teardown).toMatchObject({ status: 'completed', leftovers: 0 })
      // The ledger is written where the main thread said, by the worker that ran the file.
      expect(r.ledger).toBe(join(dir, r.runId, 'ledger.jsonl'))
      expect(readFileSync(r.ledger!, 'utf8')).toContain('"t":"end","status":"passed","leftovers":0')
    }
  })

  it('sends only scrubbed events and results across: captured keys and session tokens arrive redacted', async () => {
    const dir = tmp()
    const text = ASSUME_ROLE.replace('    identity: demo\n', '    identity: demo\n    capture: { secret: AccessKey.SecretAccessKey, keyId: AccessKey.AccessKeyId }\n').replace(
      '    identity: reader\n',
      '    identity: reader\n    capture: { token: Credentials.SessionToken, sessionSecret: Credentials.SecretAccessKey }\n',
    )
    expect(text).toContain('capture: { token:')
    const files = [0, 1].map((i) => {
      const f = join(dir, `secrets-${i}.yaml`)
      writeFileSync(f, text.replace(/^name: assume-role$/m, `name: secrets-${i}`))
      return f
    })
    const t = collect()
    const r = await suite.runSuite({ files, target: {}, runsDir: dir, parallel: 2, emit: t.emit })
    expect(r.threads).toBe(2)
    expect(r.summary.passed).toBe(2)
    for (const run of r.results) {
      expect(run.steps.find((s) => s.id === 'user-key')!.captures).toEqual({ secret: '[redacted]', keyId: expect.stringMatching(/^AKIA/) })
      expect(run.steps.find((s) => s.id === 'assume')!.captures).toEqual({ token: '[redacted]', sessionSecret: '[redacted]' })
    }
    const crossed = JSON.stringify([t.events, r.results])
    expect(crossed).not.toMatch(/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/) // a secret key
    expect(crossed).not.toContain('IQoJb3JpZ2luX2Vj') // how the emulator's session tokens start
  })

  it('applies --shard, --filter and --var before the workers run anything', async () => {
    const dir = tmp()
    const files = copies(dir, 4, 'sel')
    const filtered = await suite.runSuite({ files, target: {}, runsDir: dir, parallel: 4, filter: '/sel-[12]$/', vars: ['user=alice'] })
    expect(filtered.threads).toBe(Math.min(4, CORES))
    expect(filtered.results.map((r) => r.scenario.name)).toEqual(['sel-1', 'sel-2'])
    for (const r of filtered.results) expect(r.steps[0].captures).toEqual({ userArn: 'arn:aws:iam::123456789012:user/alice' })
    const sharded = await suite.runSuite({ files, target: {}, runsDir: dir, parallel: 2, shard: { index: 2, count: 2 } })
    expect(sharded.results.map((r) => r.scenario.name)).toEqual(['sel-1', 'sel-3'])
    const unknown = (threads?: boolean) => suite.runSuite({ files, target: {}, runsDir: dir, parallel: 4, vars: ['usr=alice'], threads }).then(() => new Error('it ran'), (e: unknown) => e as Error)
    const [a, b] = await Promise.all([unknown(), unknown(false)])
    expect(a).toMatchObject({ code: 'unknown-var', exitCode: 2, message: '--var usr: none of the scenarios has a var named usr' })
    expect(a.message).toBe(b.message)
  })

  it('reports invalid files as one thread does (every file, exit 2) and runs nothing', async () => {
    const dir = tmp()
    const files = [...copies(dir, 2), join(dir, 'bad-1.yaml'), join(dir, 'bad-2.yaml')]
    writeFileSync(files[2], 'name: bad-1\nsteps:\n  - id: a\n    action: iam.createUsr\n')
    writeFileSync(files[3], 'name: bad-2\nsteps: 3\n')
    const t = collect()
    const threaded = await suite.runSuite({ files, target: {}, runsDir: dir, parallel: 4, emit: t.emit }).catch((e: unknown) => e)
    const serial = await suite.runSuite({ files, target: {}, runsDir: dir, threads: false }).catch((e: unknown) => e)
    expect(threaded).toBeInstanceOf(suite.SuiteInvalidError)
    const shape = (e: unknown) =>
      (e as InstanceType<typeof suite.SuiteInvalidError>).problems.map((p) => ({
        name: p.name,
        code: p.code,
        message: p.message,
        location: p.location,
        hint: p.hint,
        frame: p.frame,
        errors: ((p as unknown as { errors?: Array<{ code: string; message: string; location?: unknown; frame?: string }> }).errors ?? []).map((d) => ({ code: d.code, message: d.message, location: d.location, frame: d.frame })),
      }))
    expect(shape(threaded)).toEqual(shape(serial))
    expect(shape(threaded).map((p) => [p.name, p.code, p.location?.file])).toEqual([
      ['ScenarioInvalidError', 'invalid-scenario', files[2]],
      ['ScenarioInvalidError', 'invalid-scenario', files[3]],
    ])
    expect(shape(threaded)[0].errors[0].message).toContain('iam.createUsr')
    expect(t.events).toEqual([])
  })

  it('--bail: a failed file stops new files from starting', async () => {
    const dir = tmp()
    const fail = join(dir, 'a-fail.yaml')
    writeFileSync(fail, 'name: a-fail\nsteps:\n  - id: get\n    action: iam.getUser\n    input: { UserName: nobody }\n')
    const files = [fail, ...copies(dir, 7)]
    // A consistency delay makes every copy wait for propagation (over a second), while a-fail
    // fails at once: it is known to have failed while the first copy is still running.
    const r = await suite.runSuite({ files, target: { consistencyDelayMs: 1000 }, runsDir: dir, parallel: 2, bail: true })
    expect(r.threads).toBe(2)
    expect(r.results[0]).toMatchObject({ scenario: { name: 'a-fail' }, status: 'failed' })
    expect(r.results[1]).toMatchObject({ status: 'passed' })
    expect(r.summary).toMatchObject({ runs: 2, failed: 1, passed: 1, skipped: 6 })
    expect(r.summary.exitCode).toBe(1)
  })

  it('Ctrl-C reaches the workers: runs stop their steps and tear down; unstarted files are skipped', async () => {
    const dir = tmp()
    const files = copies(dir, 4)
    const stop = new AbortController()
    const waiting = new Set<string>()
    const r = await suite.runSuite({
      files,
      target: { consistencyDelayMs: 30_000 },
      runsDir: dir,
      parallel: 2,
      signal: stop.signal,
      emit: (e) => {
        if (e.type === 'step:wait') waiting.add(e.runId)
        if (waiting.size === 2) stop.abort()
      },
    })
    expect(r.threads).toBe(2)
    expect(r.summary).toMatchObject({ runs: 2, interrupted: 2, skipped: 2, exitCode: 130 })
    for (const run of r.results) {
      expect(run.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'errored', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped'])
      expect(run.teardown).toMatchObject({ status: 'completed', leftovers: 0 })
      expect(run.teardown.items.map((i) => `${i.action} ${i.status}`)).toEqual(['iam.deleteAccessKey done', 'iam.deleteUser done'])
    }
  })

  it('a second Ctrl-C reaches them too: teardown is skipped, and the ledger keeps what is left', async () => {
    const dir = tmp()
    const files = copies(dir, 2)
    const stop = new AbortController()
    const stopTeardown = new AbortController()
    const r = await suite.runSuite({
      files,
      target: { consistencyDelayMs: 30_000 },
      runsDir: dir,
      parallel: 2,
      signal: stop.signal,
      teardownSignal: stopTeardown.signal,
      emit: (e) => {
        if (e.type === 'step:wait' && !stop.signal.aborted) {
          stop.abort()
          stopTeardown.abort()
        }
      },
    })
    expect(r.summary).toMatchObject({ runs: 2, interrupted: 2, exitCode: 130 })
    const first = r.results.find((x) => x.steps[2].status === 'errored')!
    expect(first.teardown.status).not.toBe('completed')
    expect(first.teardown.leftovers).toBe(2)
    expect(readFileSync(first.ledger!, 'utf8')).toContain('"t":"end","status":"interrupted","leftovers":2')
  })

  it('an error in a run fails the suite as it does in one thread, after the other runs finish', async () => {
    const dir = tmp()
    const files = copies(dir, 3)
    const runsDir = join(dir, 'not-a-dir')
    writeFileSync(runsDir, 'a file where the runs directory should be')
    const threaded = await suite.runSuite({ files, target: {}, runsDir, parallel: 3 }).catch((e: unknown) => e)
    const serial = await suite.runSuite({ files, target: {}, runsDir, threads: false }).catch((e: unknown) => e)
    expect(threaded).toBeInstanceOf(Error)
    const general = (e: unknown) => (e as Error).message.replace(/[0-9a-z]{8}-[0-9a-z]{4}/g, '<run-id>')
    expect(general(threaded)).toBe(general(serial))
    expect((threaded as Error).message).toContain('not-a-dir')
  })
})

describe('a worker that dies', () => {
  const config = { target: {}, stopped: false, teardownStopped: false }

  it('fails its requests with worker-failed (exit 3), naming the cause', async () => {
    const dir = tmp()
    const throws = join(dir, 'throws.mjs')
    writeFileSync(throws, "import { parentPort } from 'node:worker_threads'\nparentPort.on('message', () => { throw new Error('boom in the worker') })\n")
    const exits = join(dir, 'exits.mjs')
    writeFileSync(exits, "import { parentPort } from 'node:worker_threads'\nparentPort.on('message', () => process.exit(7))\n")
    for (const [file, why] of [[throws, 'a suite worker thread failed: boom in the worker'], [exits, 'a suite worker thread failed: it exited with code 7']]) {
      const lane = new pool.Lane(pathToFileURL(file), config, () => {})
      const err = await lane.request({ type: 'load', file: 'x.yaml' }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(pool.WorkerFailure)
      expect(err).toMatchObject({ code: 'worker-failed', exitCode: 3, message: why })
      // Later requests fail at once with the same error.
      await expect(lane.request({ type: 'load', file: 'y.yaml' })).rejects.toBe(err)
      await lane.close()
    }
  })

  it('a worker asked to close that does not end is terminated after the grace period', async () => {
    const dir = tmp()
    const deaf = join(dir, 'deaf.mjs')
    writeFileSync(deaf, "import { parentPort } from 'node:worker_threads'\nparentPort.on('message', () => {})\nsetInterval(() => {}, 1000)\n")
    const lane = new pool.Lane(pathToFileURL(deaf), config, () => {}, 100)
    const started = performance.now()
    await lane.close()
    expect(performance.now() - started).toBeGreaterThanOrEqual(90)
  })
})

describe.runIf(CORES >= 2)("the main thread's lane", () => {
  const config = { target: {}, stopped: false, teardownStopped: false }

  it('answers load, plan and run as a worker thread does, errors included', async () => {
    const build = dirname(dirname(inject('iamflowCli')))
    const dir = tmp()
    const [file] = copies(dir, 1)
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'name: bad\nsteps:\n  - action: iam.createUser\n    input: { Nope: 1 }\n')
    const answers = async (lane: Pool.SuiteLane, events: RunEvent[]) => {
      const info = await lane.request({ type: 'load', file: file! })
      await lane.request({ type: 'plan', file: file!, pairs: [] })
      const { result } = await lane.request({ type: 'run', file: file!, pairs: [] })
      const err = (await lane.request({ type: 'load', file: bad }).catch((e: unknown) => e)) as Error & { code?: string; exitCode?: number }
      await lane.close()
      return { info, result: essence(result!), events: events.map((e) => e.type), err: { name: err.name, code: err.code, exitCode: err.exitCode, message: err.message } }
    }
    const localEvents: RunEvent[] = []
    const workerEvents: RunEvent[] = []
    const local = await answers(new pool.LocalLane(config, (e) => void localEvents.push(e)), localEvents)
    const worker = await answers(new pool.Lane(pathToFileURL(join(build, 'engine', 'suite', 'workers', 'worker-main.js')), config, (e) => void workerEvents.push(e)), workerEvents)
    expect(local).toEqual(worker)
    expect(local.result).toMatchObject({ status: 'passed' })
    expect(local.err.code).toBeDefined()
    expect(local.events[0]).toBe('run:start')
  })
})
