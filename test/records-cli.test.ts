import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EXAMPLE_ROOT_KEY } from '../src/emulator/index.js'
import { leakIn } from '../src/engine/records/normalise.js'
import { runIamflow, type Spawned, spawnIamflow } from './run-cli-helpers.js'
import { cleanTmp, tmp } from './runner-helpers.js'

// `iamflow run --record DIR` and `--compare DIR` end to end, through the built CLI. The whole
// library recorded and compared is the long variant (records-cli.long.test.ts).
const ASSUME_ROLE = resolve('scenarios/assume-role.yaml')
const LEAK = resolve('test/fixtures/records/leak-attempt.yaml')
const env = { NO_COLOR: '1', AWS_ENDPOINT_URL: '' }

const servers: Spawned[] = []

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.child.kill('SIGTERM')
    await s.exit
  }
  cleanTmp()
})

describe('run --record / --compare', () => {
  it('a changed outcome in the record fails --compare with a per-step diff in console, json and junit', async () => {
    const cwd = tmp()
    const dir = join(cwd, 'records')
    expect((await runIamflow(['run', ASSUME_ROLE, '--record', dir], { cwd, env })).code).toBe(0)
    const file = join(dir, 'assume-role.record.yaml')
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('  - id: user-cannot-list\n    action: s3.listBuckets\n    outcome: error\n    code: AccessDenied\n    status: 403\n')
    writeFileSync(file, text.replace('code: AccessDenied', 'code: NoSuchEntity'))
    const run = await runIamflow(['run', ASSUME_ROLE, '--compare', dir, '--reporter', 'console', '--reporter', 'json', '--output', join(cwd, 'r.json'), '--reporter', 'junit', '--output', join(cwd, 'r.xml')], { cwd, env })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/✗ user-cannot-list +s3\.listBuckets as demo +AccessDenied/)
    expect(run.stdout).toContain('record code: expected NoSuchEntity\n                   got      AccessDenied')
    expect(run.stdout).toContain('FAILED 8/9 steps passed, 1 failed')
    const json = JSON.parse(readFileSync(join(cwd, 'r.json'), 'utf8'))
    const step = json.runs[0].steps.find((s: { id: string }) => s.id === 'user-cannot-list')
    expect(step.status).toBe('failed')
    expect(step.comparison).toEqual({ verdict: 'differs', differences: [{ field: 'code', a: 'NoSuchEntity', b: 'AccessDenied' }], record: join(dir, 'assume-role.record.yaml') })
    expect(json.runs[0].steps.filter((s: { comparison?: { verdict: string } }) => s.comparison?.verdict === 'same')).toHaveLength(8)
    const xml = readFileSync(join(cwd, 'r.xml'), 'utf8')
    expect(xml).toContain('<failure message="record code: expected NoSuchEntity, got AccessDenied"')
  }, 120_000)

  it('a difference the record marks known is reported with its reason and does not fail', async () => {
    const cwd = tmp()
    const dir = join(cwd, 'records')
    expect((await runIamflow(['run', ASSUME_ROLE, '--record', dir], { cwd, env })).code).toBe(0)
    const file = join(dir, 'assume-role.record.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('    code: AccessDenied\n    status: 403\n', '    code: AccessDenied\n    status: 400\n    known: recorded on a proxy that answers 400\n'))
    const run = await runIamflow(['run', ASSUME_ROLE, '--compare', dir, '--reporter', 'console', '--reporter', 'junit', '--output', join(cwd, 'r.xml')], { cwd, env })
    expect(run.code, run.stdout).toBe(0)
    expect(run.stdout).toContain('      known difference (recorded on a proxy that answers 400):\n        status: recorded 400, observed 403')
    expect(readFileSync(join(cwd, 'r.xml'), 'utf8')).toContain('known difference (recorded on a proxy that answers 400):\n  status: recorded 400, observed 403</system-out>')
    // Re-recording keeps what people wrote.
    expect((await runIamflow(['run', ASSUME_ROLE, '--record', dir], { cwd, env })).code).toBe(0)
    expect(readFileSync(file, 'utf8')).toContain('    status: 403\n    because:\n      - implicitDeny\n')
    expect(readFileSync(file, 'utf8')).toContain('    known: recorded on a proxy that answers 400\n')
  }, 120_000)

  it('a scenario without a record fails every step as not recorded; a record with extra steps is named', async () => {
    const cwd = tmp()
    const dir = join(cwd, 'records')
    const missing = await runIamflow(['run', ASSUME_ROLE, '--compare', dir], { cwd, env })
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain(`record: expected an observation recorded in ${join(dir, 'assume-role.record.yaml')}`)
    expect(missing.stdout).toContain('got      no record file for this scenario')
    expect((await runIamflow(['run', ASSUME_ROLE, '--record', dir], { cwd, env })).code).toBe(0)
    const file = join(dir, 'assume-role.record.yaml')
    writeFileSync(file, `${readFileSync(file, 'utf8')}  - id: gone-step\n    action: iam.getUser\n    outcome: none\n`)
    const stale = await runIamflow(['run', ASSUME_ROLE, '--compare', dir], { cwd, env })
    expect(stale.code).toBe(0)
    expect(stale.stdout).toContain('records steps this scenario no longer has (gone-step): record it again')
  }, 120_000)

  it('a record that does not parse stops the run before anything runs (exit 2, bad-record)', async () => {
    const cwd = tmp()
    const dir = join(cwd, 'records')
    expect((await runIamflow(['run', ASSUME_ROLE, '--record', dir], { cwd, env })).code).toBe(0)
    writeFileSync(join(dir, 'assume-role.record.yaml'), 'version: 1\nscenario: x\ntarget: aws\nsteps: 3\n')
    const run = await runIamflow(['run', ASSUME_ROLE, '--compare', dir, '--runs-dir', join(cwd, 'runs')], { cwd, env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`error [bad-record]: ${join(dir, 'assume-role.record.yaml')}: steps must be a list`)
    expect(run.stdout).toBe('')
  }, 60_000)

  it('a run that errored writes no record (an unfinished run is not a baseline)', async () => {
    const cwd = tmp()
    const root = { AWS_ACCESS_KEY_ID: EXAMPLE_ROOT_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: EXAMPLE_ROOT_KEY.secretAccessKey, AWS_REGION: 'us-east-1' }
    const server = spawnIamflow(['serve', '--port', '0', '--quiet', '--faults', 'code=InternalError,operations=ListBuckets'], { cwd, env: { ...env, ...root } })
    servers.push(server)
    const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/)
    const dir = join(cwd, 'records')
    const run = await runIamflow(['run', ASSUME_ROLE, '--endpoint-url', url, '--record', dir], { cwd, env: { ...env, ...root } })
    expect(run.code).toBe(3)
    expect(run.stdout).toContain('record not written: the run errored')
    expect(readdirSync(dir)).toEqual([])
  }, 120_000)

  it('a --record directory that cannot be written stops the run before anything runs (exit 2)', async () => {
    const cwd = tmp()
    writeFileSync(join(cwd, 'a-file'), 'x')
    const run = await runIamflow(['run', ASSUME_ROLE, '--record', join(cwd, 'a-file')], { cwd, env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`error [record-dir-unusable]: --record ${join(cwd, 'a-file')}: cannot write records there (`)
    expect(run.stdout).toBe('')
  }, 60_000)

  it('records never hold an account id, a key id, a secret or a token, even from a scenario that captures and checks them', async () => {
    const cwd = tmp()
    const dir = join(cwd, 'records')
    const run = await runIamflow(['run', LEAK, '--record', dir, '--reporter', 'json', '--output', join(cwd, 'r.json')], { cwd, env })
    expect(run.code).toBe(1) // the fixture's deliberately unmet checks print whole outputs
    const text = readFileSync(join(dir, 'leak-attempt.record.yaml'), 'utf8')
    expect(leakIn(text)).toBeUndefined()
    // What the run really saw, from its own report: none of it is in the record.
    const report = readFileSync(join(cwd, 'r.json'), 'utf8')
    const keyIds = [...new Set(report.match(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g) ?? [])]
    expect(keyIds.length).toBeGreaterThan(0)
    for (const id of keyIds) expect(text).not.toContain(id)
    expect(report).toContain('123456789012')
    expect(text).not.toContain('123456789012')
    expect(text).not.toMatch(/[A-Za-z0-9/+]{40}/)
    expect(text).toContain('      AccessKey.AccessKeyId:\n        value: AKIA<key-id>\n      AccessKey.SecretAccessKey:\n        value: "[redacted]"')
    expect(text).toContain('      Credentials.SessionToken:\n        value: "[redacted]"')
    expect(text).toContain('      Account:\n        value: <account>')
    expect(text).toContain('      UserId:\n        value: AIDA<id>')
    expect(text).toContain('    message: The user with name AKIA<key-id> cannot be found.')
    expect(text).toContain('          - AKIA<key-id>\n          - "[redacted]"')
  }, 60_000)

  it('the workflow: record with --target aws (here iamflow serve behind AWS_ENDPOINT_URL), compare on the embedded emulator', async () => {
    const cwd = tmp()
    const root = { AWS_ACCESS_KEY_ID: EXAMPLE_ROOT_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: EXAMPLE_ROOT_KEY.secretAccessKey, AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: join(cwd, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(cwd, 'none'), AWS_EC2_METADATA_DISABLED: 'true' }
    const server = spawnIamflow(['serve', '--port', '0', '--quiet', '--account', '210987654321'], { cwd, env: { ...env, ...root } })
    servers.push(server)
    const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/)
    const dir = join(cwd, 'records')
    const rec = await runIamflow(['run', ASSUME_ROLE, '--target', 'aws', '--account', '210987654321', '--record', dir], { cwd, env: { ...env, ...root, AWS_ENDPOINT_URL: url } })
    expect(rec.code, rec.stdout + rec.stderr).toBe(0)
    const text = readFileSync(join(dir, 'assume-role.record.yaml'), 'utf8')
    expect(text).toContain('\ntarget: aws\n')
    expect(text).not.toContain('210987654321')
    expect(text).not.toContain(url)
    // Another account, another target kind, no credentials needed: the same observations.
    const cmp = await runIamflow(['run', ASSUME_ROLE, '--compare', dir, '--reporter', 'json'], { cwd, env })
    expect(cmp.code, cmp.stdout).toBe(0)
    const steps = JSON.parse(cmp.stdout).runs[0].steps as Array<{ comparison: { verdict: string } }>
    expect(steps.map((s) => s.comparison.verdict)).toEqual(Array(9).fill('same'))
  }, 120_000)
})
