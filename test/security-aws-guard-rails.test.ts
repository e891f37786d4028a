import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { CreateUserCommand, ListPolicyTagsCommand, ListRoleTagsCommand, ListUserTagsCommand, TagUserCommand } from '@aws-sdk/client-iam'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_INVENTORY, clientsFor, inventoryViaApi, type Clients } from './helpers/reliability/aws.js'
import { runCli } from './helpers/reliability/cli.js'
import { startRecordingProxy, type RecordingProxy } from './helpers/reliability/recording-proxy.js'
import { startServe, type Served } from './helpers/reliability/serve.js'

/**
 * Issue 9, item 8. `--target aws` is pointed at `iamflow serve` through the SDK's own
 * AWS_ENDPOINT_URL (behind a proxy that counts requests), so "real AWS" is observable: without
 * a matching --account (or a pinned account:) nothing but GetCallerIdentity is sent; a real run
 * tags what it creates with iamflow:run-id and iamflow:scenario; `cleanup --by-tag RUN_ID`
 * sweeps by those tags when the ledger is gone.
 */
const dir = mkdtempSync(join(tmpdir(), 'iamflow-guard-'))
const ASSUME_ROLE = resolve('scenarios/assume-role.yaml')
let served: Served
let proxy: RecordingProxy
let root: Clients
/** Every request line serve logged while `fn` ran. */
async function requestsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  // serve writes its request log after answering, through a pipe: wait until the lines of
  // earlier requests (the root client's inventory) have arrived, so they are not counted here.
  await logSettled()
  const before = served.log().split('\n').length
  await fn()
  await logSettled()
  return served.log().split('\n').slice(before - 1).filter((l) => /^\d{4}-/.test(l)).map((l) => l.split(' ').slice(1, 3).join(' '))
}
async function logSettled(): Promise<void> {
  let last = -1
  for (let i = 0; i < 50; i++) {
    const now = served.log().length
    if (now === last) return
    last = now
    await new Promise((r) => setTimeout(r, 100))
  }
}
const awsEnv = () => ({ ...served.env, AWS_ENDPOINT_URL: proxy.url, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') })

beforeAll(async () => {
  served = await startServe({ cwd: dir })
  proxy = await startRecordingProxy(served.url)
  root = clientsFor(served.url, served.root, { maxAttempts: 3 })
})
afterAll(async () => {
  root?.destroy()
  await proxy?.close()
  await served?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('--target aws refuses before any call without the right account', () => {
  it.each([
    ['no --account', [], 'account-required', /refusing to run .*assume-role\.yaml against real AWS without naming the account/],
    ['a different --account', ['--account', '999999999999'], 'account-mismatch', /--account 999999999999 does not match the credentials' account 123456789012/],
  ])('%s: exit 2, only GetCallerIdentity was sent', async (_name, extra, code, message) => {
    let r: Awaited<ReturnType<typeof runCli>> | undefined
    const seen = await requestsDuring(async () => (r = await runCli(['run', ASSUME_ROLE, '--target', 'aws', ...extra], { cwd: dir, env: awsEnv() })))
    expect(r!.code).toBe(2)
    expect(r!.stderr).toContain(`[${code}]`)
    expect(r!.stderr).toMatch(message)
    expect(seen).toEqual(['POST sts:GetCallerIdentity'])
    expect(await inventoryViaApi(root)).toEqual(EMPTY_INVENTORY)
  })

  it('a scenario pinned to another account: exit 2, only GetCallerIdentity was sent', async () => {
    const pinned = join(dir, 'pinned.yaml')
    writeFileSync(pinned, readFileSync(ASSUME_ROLE, 'utf8').replace(/^name: assume-role$/m, "name: assume-role\naccount: '999999999999'"))
    let r: Awaited<ReturnType<typeof runCli>> | undefined
    const seen = await requestsDuring(async () => (r = await runCli(['run', pinned, '--target', 'aws', '--account', '123456789012'], { cwd: dir, env: awsEnv() })))
    expect(r!.code).toBe(2)
    expect(r!.stderr).toMatch(/pins account 999999999999, but the credentials act in 123456789012/)
    expect(seen).toEqual(['POST sts:GetCallerIdentity'])
  })
})

describe('--target aws refuses a scenario that requires the emulator', () => {
  it('requires: emulator: exit 2 [emulator-only], and no request at all is sent', async () => {
    let r: Awaited<ReturnType<typeof runCli>> | undefined
    const lab = resolve('scenarios/web-identity-github-actions.yaml')
    const seen = await requestsDuring(async () => (r = await runCli(['run', lab, '--target', 'aws', '--account', '123456789012'], { cwd: dir, env: awsEnv() })))
    expect(r!.code).toBe(2)
    expect(r!.stderr).toContain('[emulator-only]')
    expect(r!.stderr).toMatch(/web-identity-github-actions\.yaml requires the iamflow emulator \(requires: emulator\) and cannot run against real AWS/)
    expect(seen).toEqual([])
  })
})

describe('run-id tags and the sweep by tag', () => {
  it('every taggable resource of a real-AWS run carries iamflow:run-id and iamflow:scenario; cleanup --by-tag removes them all', { timeout: 60_000 }, async () => {
    const cwd = mkdtempSync(join(dir, 'tagged-'))
    const run = await runCli(['run', ASSUME_ROLE, '--target', 'aws', '--account', '123456789012', '--keep'], { cwd, env: awsEnv() })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const runId = / run ([0-9a-z]{8}-[0-9a-z]{4}) on /.exec(run.stdout)![1]
    const want = [
      { Key: 'iamflow:run-id', Value: runId },
      { Key: 'iamflow:scenario', Value: 'assume-role' },
    ]
    const sorted = (t: Array<{ Key?: string; Value?: string }> | undefined) => [...(t ?? [])].sort((a, b) => a.Key!.localeCompare(b.Key!))
    expect(sorted((await root.iam.send(new ListUserTagsCommand({ UserName: 'demo-user' }))).Tags)).toEqual(want)
    expect(sorted((await root.iam.send(new ListRoleTagsCommand({ RoleName: 'demo-s3-reader' }))).Tags)).toEqual(want)
    expect(sorted((await root.iam.send(new ListPolicyTagsCommand({ PolicyArn: 'arn:aws:iam::123456789012:policy/demo-list-all-buckets' }))).Tags)).toEqual(want)

    // Something else tagged with another run id, and an untagged user: the sweep leaves both.
    await root.iam.send(new CreateUserCommand({ UserName: 'bystander', Tags: [{ Key: 'iamflow:run-id', Value: 'aaaaaaaa-zzzz' }] }))
    await root.iam.send(new CreateUserCommand({ UserName: 'untagged' }))
    await root.iam.send(new TagUserCommand({ UserName: 'untagged', Tags: [{ Key: 'team', Value: runId }] }))

    // The ledger is lost: only the tags say what the run created.
    rmSync(join(cwd, '.iamflow'), { recursive: true, force: true })
    const elsewhere = mkdtempSync(join(dir, 'sweep-'))
    const sweep = await runCli(['cleanup', '--by-tag', runId, '--target', 'aws', '--account', '123456789012'], { cwd: elsewhere, env: awsEnv() })
    expect(sweep.code, sweep.stdout + sweep.stderr).toBe(0)
    expect(sweep.stdout).toContain(`${runId}: clean`)
    expect(await inventoryViaApi(root)).toEqual({ ...EMPTY_INVENTORY, users: ['bystander', 'untagged'] })

    // Nothing left with that tag: a second sweep has nothing to do.
    const again = await runCli(['cleanup', '--by-tag', runId, '--target', 'aws', '--account', '123456789012'], { cwd: elsewhere, env: awsEnv() })
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(`nothing tagged iamflow:run-id=${runId}`)
  })

  it('--by-tag on AWS refuses without the right --account, before any deletion', async () => {
    let r: Awaited<ReturnType<typeof runCli>> | undefined
    const seen = await requestsDuring(async () => (r = await runCli(['cleanup', '--by-tag', 'aaaaaaaa-zzzz', '--target', 'aws'], { cwd: dir, env: awsEnv() })))
    expect(r!.code).toBe(2)
    expect(r!.stderr).toContain('[account-required]')
    expect(seen).toEqual(['POST sts:GetCallerIdentity'])
  })
})
