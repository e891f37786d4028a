import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DeleteBucketCommand, DeleteObjectCommand, ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { iamflowClient } from '../src/aws/emulator-call.js'
import { EMPTY_INVENTORY, clientsFor, inventoryViaApi, type Clients } from './helpers/reliability/aws.js'
import { runCli, spawnCli } from './helpers/reliability/cli.js'
import { type Creds, startServe, type Served } from './helpers/reliability/serve.js'

/**
 * Issue 14, "Done when": one file (scenarios/cross-account-delegation.yaml) acts in two accounts
 * against `iamflow serve`, and against serve standing in for AWS with two profiles; teardown and
 * `cleanup` leave both accounts empty, also after SIGKILL.
 */
const LAB = resolve('scenarios/cross-account-delegation.yaml')
const dir = mkdtempSync(join(tmpdir(), 'iamflow-accounts-serve-'))
let served: Served
let root: Clients

/** The operator serve hands over for the default root's account NAME (what a run gets). */
async function namedAccount(name: string): Promise<Creds & { accountId: string }> {
  const sts = new STSClient({ endpoint: served.url, region: 'us-east-1', credentials: served.root, maxAttempts: 1 })
  try {
    const out = await iamflowClient(() => sts, served.url, 1).call('IamflowAccountOperator', { AccountName: name })
    return { accountId: out.AccountId, accessKeyId: out.AccessKeyId, secretAccessKey: out.SecretAccessKey }
  } finally {
    sts.destroy()
  }
}

async function inventoryOf(creds: Creds) {
  const clients = clientsFor(served.url, creds, { maxAttempts: 3 })
  try {
    return await inventoryViaApi(clients)
  } finally {
    clients.destroy()
  }
}

const runIdOf = (stdout: string) => / run ([0-9a-z]{8}-[0-9a-z]{4}) on /.exec(stdout)![1]

beforeAll(async () => {
  served = await startServe({ cwd: dir })
  root = clientsFor(served.url, served.root, { maxAttempts: 3 })
})
afterAll(async () => {
  root?.destroy()
  await served?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('against iamflow serve: the run gets the second operator from serve', () => {
  it('--keep leaves both accounts holding what the run made; cleanup empties both; no key of the second account in output or ledger', { timeout: 60_000 }, async () => {
    const cwd = mkdtempSync(join(dir, 'keep-'))
    const run = await runCli(['run', LAB, '--endpoint-url', served.url, '--keep'], { cwd, env: served.env })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const runId = runIdOf(run.stdout)
    const dev = await namedAccount('development')
    expect(dev.accountId).not.toBe('123456789012')
    const kept = await inventoryOf(dev)
    expect(kept.users).toEqual([`iamflow-developer-${runId}`])
    expect(kept.accessKeys).toHaveLength(1)
    const home = await inventoryViaApi(root)
    expect(home.roles).toEqual([`LocalOnly-${runId}`, `UpdateApp-${runId}`])
    expect(home.buckets).toEqual([`iamflow-productionapp-${runId}`, `iamflow-shared-${runId}`])

    const ledger = readFileSync(join(cwd, '.iamflow', 'runs', runId, 'ledger.jsonl'), 'utf8')
    expect(ledger).toContain(`"accounts":[{"name":"development","id":"${dev.accountId}"}]`)
    expect(ledger).toContain('"stepId":"developer","account":"development"')
    for (const text of [ledger, run.stdout, run.stderr]) expect(text).not.toContain(dev.secretAccessKey)

    const cleanup = await runCli(['cleanup', runId], { cwd, env: served.env })
    expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0)
    expect(await inventoryOf(dev)).toEqual(EMPTY_INVENTORY)
    expect(await inventoryViaApi(root)).toEqual(EMPTY_INVENTORY)
  })

  it('SIGKILL mid-run (after the second account holds something), then cleanup --all: both accounts empty', { timeout: 60_000 }, async () => {
    const cwd = mkdtempSync(join(dir, 'kill-'))
    const before = served.log().length
    const run = spawnCli(['run', LAB, '--endpoint-url', served.url], { cwd, env: served.env })
    // The developer's first inline policy: by then both accounts hold resources of the run.
    // Polled up to 40 s (not 5): a loaded machine can take seconds just to start the CLI.
    for (let i = 0; i < 1600 && !/iam:PutUserPolicy/.test(served.log().slice(before)); i++) await new Promise((r) => setTimeout(r, 25))
    run.child.kill('SIGKILL')
    expect(await run.exit).toBe('SIGKILL')
    const dev = await namedAccount('development')
    const [runId] = readdirSync(join(cwd, '.iamflow', 'runs'))
    expect((await inventoryOf(dev)).users).toEqual([`iamflow-developer-${runId}`])
    const cleanup = await runCli(['cleanup', '--all'], { cwd, env: served.env })
    expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0)
    expect(await inventoryOf(dev)).toEqual(EMPTY_INVENTORY)
    expect(await inventoryViaApi(root)).toEqual(EMPTY_INVENTORY)
  })
})

describe('--target aws (serve standing in for AWS through AWS_ENDPOINT_URL) with two profiles', () => {
  let standIn: Creds & { accountId: string }
  let env: NodeJS.ProcessEnv
  beforeAll(async () => {
    // The second "AWS account": an account of serve whose root key goes into a profile.
    standIn = await namedAccount('stand-in')
    const credentials = join(dir, 'credentials')
    writeFileSync(
      credentials,
      `[prod]\naws_access_key_id = ${served.root.accessKeyId}\naws_secret_access_key = ${served.root.secretAccessKey}\n[dev]\naws_access_key_id = ${standIn.accessKeyId}\naws_secret_access_key = ${standIn.secretAccessKey}\n[dev2]\naws_access_key_id = ${standIn.accessKeyId}\naws_secret_access_key = ${standIn.secretAccessKey}\n`,
      { mode: 0o600 },
    )
    env = { AWS_ENDPOINT_URL: served.url, AWS_REGION: served.region, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: join(dir, 'none'), AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }
  })

  it('each account acts through its own profile; teardown leaves both empty', { timeout: 90_000 }, async () => {
    const cwd = mkdtempSync(join(dir, 'aws-'))
    const run = await runCli(['run', LAB, '--target', 'aws', '--profile', 'prod', '--account', '123456789012', '--account-profile', 'development=dev', '--account-id', `development=${standIn.accountId}`], { cwd, env })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const runId = runIdOf(run.stdout)
    const ledger = readFileSync(join(cwd, '.iamflow', 'runs', runId, 'ledger.jsonl'), 'utf8')
    expect(ledger).toContain(`"accounts":[{"name":"development","id":"${standIn.accountId}","profile":"dev"}]`)
    expect(ledger).not.toContain(standIn.secretAccessKey)
    expect(await inventoryOf(standIn)).toEqual(EMPTY_INVENTORY)
    expect(await inventoryViaApi(root)).toEqual(EMPTY_INVENTORY)
  })

  it('--keep, then cleanup with the profiles the ledger names (or --account-profile): both accounts empty', { timeout: 90_000 }, async () => {
    const cwd = mkdtempSync(join(dir, 'aws-keep-'))
    const args = ['--target', 'aws', '--profile', 'prod', '--account', '123456789012', '--account-profile', 'development=dev', '--account-id', `development=${standIn.accountId}`]
    const run = await runCli(['run', LAB, ...args, '--keep'], { cwd, env })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect((await inventoryOf(standIn)).users).toEqual([`iamflow-developer-${runIdOf(run.stdout)}`])
    const bad = await runCli(['cleanup', runIdOf(run.stdout), '--account-profile', 'qa=dev2'], { cwd, env })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('[unknown-account]')
    const cleanup = await runCli(['cleanup', runIdOf(run.stdout), '--account-profile', 'development=dev2'], { cwd, env })
    expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0)
    expect(await inventoryOf(standIn)).toEqual(EMPTY_INVENTORY)
    expect(await inventoryViaApi(root)).toEqual(EMPTY_INVENTORY)
  })

  it('ledger lost: cleanup --by-tag with the named account\'s profile and id sweeps both accounts', { timeout: 90_000 }, async () => {
    const cwd = mkdtempSync(join(dir, 'aws-tag-'))
    const args = ['--target', 'aws', '--profile', 'prod', '--account', '123456789012']
    const named = ['--account-profile', 'development=dev', '--account-id', `development=${standIn.accountId}`]
    const run = await runCli(['run', LAB, ...args, ...named, '--keep'], { cwd, env })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const runId = runIdOf(run.stdout)
    expect((await inventoryOf(standIn)).users).toEqual([`iamflow-developer-${runId}`])
    rmSync(join(cwd, '.iamflow'), { recursive: true, force: true })
    const sweep = await runCli(['cleanup', '--by-tag', runId, ...args, ...named], { cwd, env })
    expect(sweep.code, sweep.stdout + sweep.stderr).toBe(0)
    expect(sweep.stdout).toContain(`${runId}: clean`)
    const principals = (i: Awaited<ReturnType<typeof inventoryViaApi>>) => ({ users: i.users, roles: i.roles, policies: i.policies })
    expect(principals(await inventoryOf(standIn))).toEqual({ users: [], roles: [], policies: [] })
    expect(principals(await inventoryViaApi(root))).toEqual({ users: [], roles: [], policies: [] })
    const again = await runCli(['cleanup', '--by-tag', runId, ...args, ...named], { cwd, env })
    expect(again.stdout).toContain(`nothing tagged iamflow:run-id=${runId} in account 123456789012, development (${standIn.accountId})`)
    // Buckets are not swept by tag (S3 is not in the sweep): remove them for the tests after this one.
    for (const creds of [served.root, standIn]) {
      const c = clientsFor(served.url, creds, { maxAttempts: 3 })
      try {
        for (const b of (await c.s3.send(new ListBucketsCommand({}))).Buckets ?? []) {
          for (const o of (await c.s3.send(new ListObjectsV2Command({ Bucket: b.Name }))).Contents ?? []) await c.s3.send(new DeleteObjectCommand({ Bucket: b.Name, Key: o.Key }))
          await c.s3.send(new DeleteBucketCommand({ Bucket: b.Name }))
        }
      } finally {
        c.destroy()
      }
    }
    expect(await inventoryOf(standIn)).toEqual(EMPTY_INVENTORY)
    expect(await inventoryViaApi(root)).toEqual(EMPTY_INVENTORY)
  })

  it.each([
    ['no profile for the account', [], 'account-profile-required', /account development of .*cross-account-delegation\.yaml has no credentials on AWS/],
    ['no id for the account', ['--account-profile', 'development=dev'], 'account-required', /refusing to act in account development on real AWS without naming it/],
    ['the wrong id', ['--account-profile', 'development=dev', '--account-id', 'development=999999999999'], 'account-mismatch', /account development must be 999999999999, but profile dev acts in \d{12}/],
    ['the same account twice', ['--account-profile', 'development=prod', '--account-id', 'development=123456789012'], 'accounts-not-distinct', /account development acts in 123456789012, which is already the default account's/],
    ['a flag for an account the file does not declare', ['--account-profile', 'qa=dev'], 'unknown-account', /--account-profile qa=dev: .* declares no account qa/],
  ])('%s: exit 2 [code] before any change, nothing created in either account', { timeout: 30_000 }, async (_name, extra, code, message) => {
    const cwd = mkdtempSync(join(dir, 'guard-'))
    const r = await runCli(['run', LAB, '--target', 'aws', '--profile', 'prod', '--account', '123456789012', ...extra], { cwd, env })
    expect(r.code, r.stdout + r.stderr).toBe(2)
    expect(r.stderr).toContain(`[${code}]`)
    expect(r.stderr).toMatch(message)
    expect(await inventoryOf(standIn)).toEqual(EMPTY_INVENTORY)
    expect(await inventoryViaApi(root)).toEqual(EMPTY_INVENTORY)
  })

  it("a named account pinned to serve's own account, or to another existing account: exit 2 [accounts-not-distinct], nothing created", async () => {
    const text = readFileSync(LAB, 'utf8')
    expect(text).toMatch(/^  development:.*$/m)
    const other = await namedAccount('elsewhere')
    for (const [id, holder] of [['123456789012', 'the default account'], [other.accountId, 'another account on the endpoint']]) {
      const file = join(mkdtempSync(join(dir, 'pinned-')), 'lab.yaml')
      // A name serve does not hold yet (the other tests' runs made `development`).
      writeFileSync(file, text.replace(/^  development:.*$/m, `  development: { id: "${id}" }`).replaceAll('development', 'pinned'))
      const r = await runCli(['run', file, '--endpoint-url', served.url], { cwd: dir, env: served.env })
      expect(r.code, r.stdout + r.stderr).toBe(2)
      expect(r.stderr).toContain('[accounts-not-distinct]')
      expect(r.stderr).toContain(`account pinned acts in ${id}, which is already ${holder}'s`)
    }
    // serve holds `development` (made here if no earlier run did): pinning it to another id is a mismatch.
    expect((await namedAccount('development')).accountId).not.toBe('222233334444')
    const file = join(mkdtempSync(join(dir, 'pinned-')), 'lab.yaml')
    writeFileSync(file, text.replace(/^  development:.*$/m, '  development: { id: "222233334444" }'))
    const r = await runCli(['run', file, '--endpoint-url', served.url], { cwd: dir, env: served.env })
    expect(r.code, r.stdout + r.stderr).toBe(2)
    expect(r.stderr).toContain('[account-mismatch]')
    expect(r.stderr).toContain('account development must be 222233334444, but')
    expect(await inventoryViaApi(root)).toEqual(EMPTY_INVENTORY)
    expect(await inventoryOf(other)).toEqual(EMPTY_INVENTORY)
  })

  it('--account-profile / --account-id off AWS: exit 2 [account-not-applicable]', async () => {
    for (const flag of ['--account-profile', '--account-id']) {
      const r = await runCli(['run', LAB, flag, 'development=dev'], { cwd: dir, env: served.env })
      expect(r.code).toBe(2)
      expect(r.stderr).toContain('[account-not-applicable]')
      expect(r.stderr).toContain(`${flag} development=dev applies to --target aws only`)
    }
  })
})
