import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { runIamflow, spawnIamflow } from './run-cli-helpers.js'
import { cleanTmp, tmp } from './runner-helpers.js'

afterEach(cleanTmp)

const ASSUME_ROLE = resolve('scenarios/assume-role.yaml')
const noEndpoint = { AWS_ENDPOINT_URL: '', NO_COLOR: '1' }

describe('iamflow run (spawned)', () => {
  it('runs assume-role.yaml with readable output, exit 0, and lists the run', async () => {
    const cwd = tmp()
    const r = await runIamflow(['run', ASSUME_ROLE], { cwd, env: noEndpoint })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^assume-role \(.*assume-role\.yaml\) run [0-9a-z]{8}-[0-9a-z]{4} on embedded emulator, account 123456789012\n/)
    expect(r.stdout).toMatch(/✓ user-cannot-list\s+s3\.listBuckets as demo  AccessDenied \(expected\)/)
    expect(r.stdout).toContain('teardown: 5 undone')
    expect(r.stdout).toContain('PASSED 9/9 steps passed')
    const runs = await runIamflow(['runs'], { cwd })
    expect(runs.code).toBe(0)
    expect(runs.stdout).toMatch(/[0-9a-z]{8}-[0-9a-z]{4}\s+\S+ \S+\s+passed\s+-\s+embedded\s+assume-role/)
  })

  it('--reporter json alone prints pure JSON; junit goes to its --output file', async () => {
    const cwd = tmp()
    const json = await runIamflow(['run', ASSUME_ROLE, '--reporter', 'json'], { cwd, env: noEndpoint })
    expect(json.code).toBe(0)
    const doc = JSON.parse(json.stdout)
    expect(doc.summary).toMatchObject({ runs: 1, passed: 1, exitCode: 0 })
    expect(doc.runs[0].steps).toHaveLength(9)
    const both = await runIamflow(['run', ASSUME_ROLE, '--reporter', 'console', '--reporter', 'junit', '--output', 'junit.xml'], { cwd, env: noEndpoint })
    expect(both.code).toBe(0)
    expect(both.stdout).toContain('PASSED 9/9 steps passed')
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(cwd, 'junit.xml'), 'utf8'))
    expect(xml.testsuites.testsuite).toMatchObject({ name: 'assume-role', tests: '10', failures: '0', errors: '0' })
  })

  it('exits 1 when an expectation fails and 2 for bad input', async () => {
    const cwd = tmp()
    writeFileSync(join(cwd, 'fail.yaml'), 'name: fail\nsteps:\n  - id: get\n    action: iam.getUser\n    input: { UserName: nobody }\n')
    const failed = await runIamflow(['run', 'fail.yaml'], { cwd, env: noEndpoint })
    expect(failed.code).toBe(1)
    expect(failed.stdout).toContain('outcome: expected success')
    expect((await runIamflow(['run', 'missing.yaml'], { cwd, env: noEndpoint })).code).toBe(2)
    const badVar = await runIamflow(['run', ASSUME_ROLE, '--var', 'nope=1'], { cwd, env: noEndpoint })
    expect(badVar.code).toBe(2)
    expect(badVar.stderr).toContain('the scenario has no var named nope')
    const twoStdout = await runIamflow(['run', ASSUME_ROLE, '--reporter', 'json', '--reporter', 'junit'], { cwd, env: noEndpoint })
    expect(twoStdout.code).toBe(2)
    expect(twoStdout.stderr).toContain('reporters json and junit would both write to stdout')
  })

  it('refuses --account where it cannot apply (embedded, --endpoint-url) instead of ignoring it; --accounts is unknown', async () => {
    const cwd = tmp()
    const embedded = await runIamflow(['run', ASSUME_ROLE, '--account', '111122223333'], { cwd, env: noEndpoint })
    expect(embedded.code).toBe(2)
    expect(embedded.stderr).toContain('account-not-applicable')
    expect(embedded.stderr).toContain('--account 111122223333 applies to --target aws only')
    const endpoint = await runIamflow(['run', ASSUME_ROLE, '--account', '111122223333', '--endpoint-url', 'http://127.0.0.1:9'], { cwd, env: noEndpoint })
    expect(endpoint.code).toBe(2)
    expect(endpoint.stderr).toContain('account-not-applicable')
    const accounts = await runIamflow(['run', ASSUME_ROLE, '--accounts', '1'], { cwd, env: noEndpoint })
    expect(accounts.code).toBe(2)
  })

  it('Ctrl-C during a propagation wait stops, tears down, and exits 130', async () => {
    const cwd = tmp()
    const state = join(cwd, 'state.json')
    const p = spawnIamflow(['run', ASSUME_ROLE, '--consistency-delay', '30000', '--state', state], { cwd, env: noEndpoint })
    await p.waitFor(/user-cannot-list: waiting for propagation: new credentials are not valid everywhere yet/)
    p.child.kill('SIGINT')
    expect(await p.exit).toBe(130)
    expect(p.stderr()).toContain('Interrupted: stopping the steps and tearing down')
    expect(p.stdout()).toMatch(/! user-cannot-list\s+s3\.listBuckets as demo  interrupted/)
    expect(p.stdout()).toContain('teardown: 2 undone')
    expect(p.stdout()).toContain('INTERRUPTED 2/9 steps passed, 1 errored, 6 skipped')
    const inv = createEmulator({ statePath: state }).inventory()
    expect({ users: inv.users, accessKeys: inv.accessKeys }).toEqual({ users: [], accessKeys: [] })
  })

  it('--keep leaves everything for `cleanup --all`, which empties the state file', async () => {
    const cwd = tmp()
    const state = join(cwd, 'state.json')
    const kept = await runIamflow(['run', ASSUME_ROLE, '--keep', '--state', state], { cwd, env: noEndpoint })
    expect(kept.code).toBe(0)
    expect(kept.stdout).toContain('teardown: skipped (--keep): 5 to clean up later')
    expect(kept.stdout).toMatch(/5 resources left: run `iamflow cleanup [0-9a-z]{8}-[0-9a-z]{4}` to remove them/)
    expect(createEmulator({ statePath: state }).inventory().users).toEqual(['demo-user'])
    const runs = await runIamflow(['runs'], { cwd })
    expect(runs.stdout).toContain('1 run left resources: iamflow cleanup <run-id> (or --all) removes them')
    const cleaned = await runIamflow(['cleanup', '--all'], { cwd })
    expect(cleaned.code).toBe(0)
    expect(cleaned.stdout).toMatch(/: clean\n$/)
    const inv = createEmulator({ statePath: state }).inventory()
    expect({ users: inv.users, roles: inv.roles, policies: inv.policies }).toEqual({ users: [], roles: [], policies: [] })
    expect((await runIamflow(['cleanup', '--all'], { cwd })).stdout).toBe('nothing to clean\n')
  })
})

describe('unreadable ledgers', () => {
  it('runs and cleanup --all name a run whose ledger cannot be read (exit 1 / 3), never skip it silently', async () => {
    const cwd = tmp()
    const dir = join(cwd, '.iamflow', 'runs', 'mf3k2j9a-x7q2')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'ledger.jsonl'), '{"t":"run",\n{"t":"intent"}\n')
    const runs = await runIamflow(['runs'], { cwd })
    expect(runs.code).toBe(1)
    expect(runs.stderr).toContain('warning: run mf3k2j9a-x7q2: its ledger cannot be read (')
    expect(runs.stderr).toContain('what it created may still exist')
    const json = await runIamflow(['runs', '--json'], { cwd })
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ runId: 'mf3k2j9a-x7q2', status: 'unreadable' })])
    const cleanup = await runIamflow(['cleanup', '--all'], { cwd })
    expect(cleanup.code).toBe(3)
    expect(cleanup.stderr).toContain('warning: run mf3k2j9a-x7q2: its ledger cannot be read (')
    expect(cleanup.stdout).toBe('nothing to clean\n')
  })

  it('a run stopped before its ledger header (an empty ledger: nothing was made) is neither listed nor a warning', async () => {
    const cwd = tmp()
    const dir = join(cwd, '.iamflow', 'runs', 'mf3k2j9a-x7q3')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'ledger.jsonl'), '{"t":"ru')
    const cleanup = await runIamflow(['cleanup', '--all'], { cwd })
    expect([cleanup.code, cleanup.stdout, cleanup.stderr]).toEqual([0, 'nothing to clean\n', ''])
  })
})

describe('cleanup usage', () => {
  it.each([[[]], [['x', '--all']], [['--all', '--by-tag', 'aaaaaaaa-bbbb']]])('cleanup %j is a usage error (exit 2), not an internal one', async (args) => {
    const r = await runIamflow(['cleanup', ...args], { cwd: tmp() })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('error: name one run id, or --all, or --by-tag RUN_ID')
    expect(r.stderr).not.toContain('internal error')
  })
})
