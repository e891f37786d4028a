import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ClientFactory } from '../src/aws/clients.js'
import { cleanupRun } from '../src/engine/ledger/cleanup.js'
import type { RunEvent } from '../src/engine/events.js'
import { ledgerPath } from '../src/engine/ledger/ledger.js'
import { buildPlan } from '../src/engine/plan/plan.js'
import { runPlan } from '../src/engine/run/runner.js'
import { runSuite, summarize } from '../src/engine/suite/suite.js'
import { openTarget, type RunTarget } from '../src/engine/targets/targets.js'
import { createEmulator } from '../src/emulator/index.js'
import { createReporter, fanOut } from '../src/reporters/index.js'
import { loadScenarioFile } from '../src/scenario/load.js'
import { cleanTmp, EMPTY, leftovers, runText, statuses, tmp } from './runner-helpers.js'

afterEach(cleanTmp)

describe('propagation waits against the emulator consistency delay', () => {
  it('waits out new keys and trust changes by retrying, with no fixed sleep', async () => {
    const scenario = await loadScenarioFile('scenarios/assume-role.yaml')
    const target = await openTarget({ consistencyDelayMs: 400 })
    expect(target.defaultWindowMs).toBe(1800)
    const waits: Array<Extract<RunEvent, { type: 'step:wait' }>> = []
    const started = performance.now()
    const result = await runPlan({ plan: buildPlan(scenario), target, runsDir: tmp(), emit: (e) => e.type === 'step:wait' && waits.push(e) })
    const took = performance.now() - started
    expect(result.steps.filter((s) => s.status !== 'passed').map((s) => [s.id, s.reason, s.failures])).toEqual([])
    const cannot = result.steps.find((s) => s.id === 'user-cannot-list')!
    // The new key answers InvalidAccessKeyId until it propagates; then the expected AccessDenied.
    expect(cannot.attempts).toBeGreaterThan(1)
    expect(cannot.outcome).toMatchObject({ code: 'AccessDenied' })
    expect(waits.find((w) => w.stepId === 'user-cannot-list')?.reason).toBe('new credentials are not valid everywhere yet')
    expect(waits.some((w) => w.stepId === 'assume')).toBe(true)
    // Waiting ends when the change is visible: well under the sum of windows, at least one delay.
    expect(took).toBeGreaterThanOrEqual(400)
    expect(took).toBeLessThan(6000)
    expect(leftovers(target)).toEqual(EMPTY)
  })

  it('without a window the same mismatch fails at once', async () => {
    const scenario = await loadScenarioFile('scenarios/assume-role.yaml')
    const target = await openTarget({ consistencyDelayMs: 400, windowMs: 0 })
    const result = await runPlan({ plan: buildPlan(scenario), target, runsDir: tmp() })
    const cannot = result.steps.find((s) => s.id === 'user-cannot-list')!
    expect(cannot).toMatchObject({ status: 'failed', attempts: 1, outcome: { code: 'InvalidAccessKeyId' } })
    expect(cannot.failures).toEqual([{ what: 'error', expected: 'AccessDenied', got: 'InvalidAccessKeyId' }])
  })
  it("a step's retry: { window } overrides the target's window", async () => {
    const { result } = await runText(
      `
name: window
steps:
  - id: user
    action: iam.createUser
    input: { UserName: w-user }
  - id: key
    action: iam.createAccessKey
    input: { UserName: w-user }
    identity: demo
  - id: no-wait
    as: demo
    action: s3.listBuckets
    expect: { error: AccessDenied }
    retry: { window: 0 }
  - id: waits
    as: demo
    action: s3.listBuckets
    expect: { error: AccessDenied }
    retry: { window: 5 }
`,
      { targetOptions: { consistencyDelayMs: 300, windowMs: 0 } },
    )
    expect(statuses(result)).toEqual({ user: 'passed', key: 'passed', 'no-wait': 'failed', waits: 'passed' })
    expect(result.steps[2]).toMatchObject({ attempts: 1, outcome: { code: 'InvalidAccessKeyId' } })
    expect(result.steps[3].attempts).toBeGreaterThan(1)
    expect(result.steps[3].waitedMs).toBeGreaterThan(0)
  })
})

describe('faults', () => {
  it('throttling is absorbed by the SDK retry strategy, not by scenario logic', async () => {
    const scenario = await loadScenarioFile('scenarios/assume-role.yaml')
    const target = await openTarget({ emulator: { faults: { seed: 7, throttle: 0.2 } } })
    const result = await runPlan({ plan: buildPlan(scenario), target, runsDir: tmp() })
    expect(result.status).toBe('passed')
    expect(result.steps.every((s) => s.attempts === 1)).toBe(true)
    expect(leftovers(target)).toEqual(EMPTY)
  })

  it('a 5xx that outlasts the SDK retries errors the step; the open intent is still cleaned up', async () => {
    const { result, target } = await runText(
      `
name: faulty
steps:
  - id: create-user
    action: iam.createUser
    input: { UserName: f-user }
  - id: create-role
    action: iam.createRole
    input: { RoleName: f-role, AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: "sts:AssumeRole" }] } }
`,
      { targetOptions: { emulator: { faults: { operations: ['CreateRole'], code: 'ServiceFailure' } } } },
    )
    expect(statuses(result)).toEqual({ 'create-user': 'passed', 'create-role': 'errored' })
    expect(result.steps[1].reason).toBe("AWS kept answering ServiceFailure (HTTP 500) through the SDK's retries")
    expect(result.teardown.items.map((i) => `${i.action} ${i.status}${i.recovered ? ' recovered' : ''}`)).toEqual(['iam.deleteRole gone recovered', 'iam.deleteUser done'])
    expect(result.exitCode).toBe(3)
    expect(leftovers(target)).toEqual(EMPTY)
  })
})

describe('secrets', () => {
  it('never appear in console, JSON or JUnit output, events, or the ledger', async () => {
    const emulator = createEmulator({})
    const { createInMemoryHandler } = await import('../src/emulator/index.js')
    const inner = createInMemoryHandler(emulator)
    const issued = new Set<string>([emulator.root.secretAccessKey])
    const spy = {
      ...inner,
      handle: async (req: Parameters<typeof inner.handle>[0], o?: Parameters<typeof inner.handle>[1]) => {
        const res = await inner.handle(req, o)
        const chunks: Buffer[] = []
        for await (const c of res.response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(c))
        const body = Buffer.concat(chunks).toString('utf8')
        for (const m of body.matchAll(/<(SecretAccessKey|SessionToken)>([^<]+)</g)) issued.add(m[2])
        const { Readable } = await import('node:stream')
        res.response.body = Readable.from([Buffer.from(body)])
        return res
      },
    }
    // The spy reads the secrets off the wire: every call goes through the SDK (the in-process
    // path answers the same objects, test/embedded-direct.test.ts).
    const base = await openTarget({ embeddedPath: 'sdk' })
    const target: RunTarget = { ...base, emulator, factory: new ClientFactory({ ...base.factory.target, requestHandler: spy as never }, base.factory.operator), info: { ...base.info, account: emulator.root.accountId } }
    let consoleText = ''
    let jsonText = ''
    let junitText = ''
    const reporters = [
      createReporter('console', { write: (t) => void (consoleText += t), isTTY: false }, { verbose: true }),
      createReporter('json', { write: (t) => void (jsonText += t), isTTY: false }),
      createReporter('junit', { write: (t) => void (junitText += t), isTTY: false }),
    ]
    const events: RunEvent[] = []
    const emit = fanOut(reporters)
    const runsDir = tmp()
    const text = readFileSync('scenarios/assume-role.yaml', 'utf8').replace('    identity: demo\n', '    identity: demo\n    capture: { secret: AccessKey.SecretAccessKey, keyId: AccessKey.AccessKeyId }\n')
    const file = join(runsDir, 'assume-role-secrets.yaml')
    writeFileSync(file, text)
    const all = (e: RunEvent) => (events.push(e), emit(e))
    all({ type: 'suite:start', files: [file], parallel: 1 })
    const run = await runPlan({ plan: buildPlan(await loadScenarioFile(file)), target, runsDir, emit: all })
    const results = [run]
    const summary = summarize(results, 0, run.durationMs, false)
    all({ type: 'suite:end', summary, results })
    const keyStep = results[0].steps.find((s) => s.id === 'user-key')!
    expect(keyStep.captures.secret).toBe('[redacted]')
    expect(keyStep.captures.keyId).toMatch(/^AKIA/)
    const ledger = readFileSync(ledgerPath(runsDir, results[0].runId), 'utf8')
    // root secret + the user's key + the session's secret and token
    expect(issued.size).toBeGreaterThanOrEqual(4)
    for (const out of [consoleText, jsonText, junitText, JSON.stringify(events), ledger]) {
      for (const secret of issued) expect(out).not.toContain(secret)
    }
    expect(consoleText).toContain('PASSED 9/9 steps passed')
  })
})

describe('secrets on the embedded in-process path', () => {
  it('never appear in JSON output, events, or the ledger', async () => {
    const target = await openTarget({})
    // Every secret the in-process calls hand out: the user's key, the session's secret and token.
    const issued: string[] = [target.emulator!.root.secretAccessKey]
    const transport = target.factory.target.direct!.transport
    const call = transport.call.bind(transport)
    transport.call = async (req, meta) => {
      const answer = await call(req, meta)
      if (answer.ok) for (const m of JSON.stringify(answer.output).matchAll(/"(?:SecretAccessKey|SessionToken)":"([^"]+)"/g)) issued.push(m[1]!)
      return answer
    }
    const runsDir = tmp()
    const text = readFileSync('scenarios/assume-role.yaml', 'utf8').replace('    identity: demo\n', '    identity: demo\n    capture: { secret: AccessKey.SecretAccessKey, keyId: AccessKey.AccessKeyId }\n')
    const file = join(runsDir, 'assume-role-secrets.yaml')
    writeFileSync(file, text)
    let jsonText = ''
    const json = createReporter('json', { write: (t) => void (jsonText += t), isTTY: false })
    const events: RunEvent[] = []
    const all = (e: RunEvent) => (events.push(e), fanOut([json])(e))
    all({ type: 'suite:start', files: [file], parallel: 1 })
    const run = await runPlan({ plan: buildPlan(await loadScenarioFile(file)), target, runsDir, emit: all })
    all({ type: 'suite:end', summary: summarize([run], 0, run.durationMs, false), results: [run] })
    expect(issued.length).toBeGreaterThanOrEqual(4)
    expect(run.status).toBe('passed')
    expect(run.steps.find((s) => s.id === 'user-key')!.captures.secret).toBe('[redacted]')
    const ledger = readFileSync(ledgerPath(runsDir, run.runId), 'utf8')
    for (const out of [jsonText, JSON.stringify(events), ledger]) for (const secret of issued) expect(out).not.toContain(secret)
    await target.close()
  })
})

describe('several scenarios', () => {
  it('runs files in parallel, each on its own emulator, with unique run ids', async () => {
    const dir = tmp()
    const files = ['a', 'b', 'c'].map((n) => {
      const f = join(dir, `${n}.yaml`)
      writeFileSync(f, `name: par-${n}\nsteps:\n  - id: create-user\n    action: iam.createUser\n    input: { UserName: "u-\${{ run.id }}" }\n    capture: { arn: User.Arn }\n`)
      return f
    })
    const { results, summary } = await runSuite({ files, target: {}, runsDir: dir, parallel: 3 })
    expect(summary).toMatchObject({ runs: 3, passed: 3, exitCode: 0 })
    expect(new Set(results.map((r) => r.runId)).size).toBe(3)
    for (const r of results) expect(r.steps[0].captures.arn).toBe(`arn:aws:iam::123456789012:user/u-${r.runId}`)
    const shard = await runSuite({ files, target: {}, runsDir: dir, shard: { index: 2, count: 2 } })
    expect(shard.results.map((r) => r.scenario.name)).toEqual(['par-b'])
    const filtered = await runSuite({ files, target: {}, runsDir: dir, filter: 'par-c' })
    expect(filtered.results.map((r) => r.scenario.name)).toEqual(['par-c'])
  })
})

describe('--keep and cleanup with a state file', () => {
  it('keeps everything, then cleanup removes it from the ledger against the saved state', async () => {
    const dir = tmp()
    const statePath = join(dir, 'state.json')
    const scenario = await loadScenarioFile('scenarios/assume-role.yaml')
    const target = await openTarget({ statePath })
    const result = await runPlan({ plan: buildPlan(scenario), target, runsDir: dir, keep: true })
    await target.close()
    expect(result).toMatchObject({ status: 'passed', exitCode: 0, teardown: { status: 'skipped', leftovers: 5 } })
    expect(createEmulator({ statePath }).inventory().users).toEqual(['demo-user'])
    const done = await cleanupRun(result.runId, { runsDir: dir })
    expect(done.teardown).toMatchObject({ status: 'completed', leftovers: 0 })
    expect(done.teardown!.items.map((i) => i.action)).toEqual(['iam.detachRolePolicy', 'iam.deletePolicy', 'iam.deleteRole', 'iam.deleteAccessKey', 'iam.deleteUser'])
    const after = createEmulator({ statePath }).inventory()
    expect({ users: after.users, roles: after.roles, policies: after.policies, accessKeys: after.accessKeys }).toEqual({ users: [], roles: [], policies: [], accessKeys: [] })
    const again = await cleanupRun(result.runId, { runsDir: dir })
    expect(again.note).toBe('nothing left to clean')
  })
})
