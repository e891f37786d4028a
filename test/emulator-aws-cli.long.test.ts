import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'

/**
 * `npm run test:long`: the seed flow, a multipart `aws s3 cp` and the refusals through the AWS
 * CLI v1 against the emulator's server. The CLI starts Python for every command (about a second
 * each), so this file takes about a minute; boto3 (the same botocore) covers the same calls in
 * the default suite (test/emulator-boto3.test.ts), and test/export.test.ts runs one exported
 * AWS CLI script there.
 */
const exec = promisify(execFile)

async function hasCli(): Promise<boolean> {
  try {
    await exec('aws', ['--version'])
    return true
  } catch {
    return false
  }
}
const available = await hasCli()
if (!available) console.warn('SKIPPED: AWS CLI tests (`aws` not found on PATH)')

let offset = 0
let em: Emulator
let server: RunningServer
const home = mkdtempSync(join(tmpdir(), 'iamflow-cli-'))

interface Creds {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** Run `aws ...` against the server (AWS_ENDPOINT_URL, as `iamflow serve` prints it). */
async function aws(args: string[], creds: Creds = em.root): Promise<{ ok: boolean; json?: any; stderr: string }> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_ENDPOINT_URL: server.url,
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
    AWS_CONFIG_FILE: join(home, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
  }
  if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken
  try {
    const { stdout, stderr } = await exec('aws', [...args, '--output', 'json'], { env, timeout: 60_000 })
    // `aws s3 ...` prints progress text, not JSON.
    return { ok: true, json: stdout.trim().startsWith('{') ? JSON.parse(stdout) : undefined, stderr }
  } catch (e) {
    return { ok: false, stderr: (e as { stderr: string }).stderr }
  }
}

/** The AWS error code in the CLI's stderr: `An error occurred (Code) when calling ...`. */
function codeOf(r: { ok: boolean; stderr: string }): string | undefined {
  return r.ok ? undefined : /An error occurred \(([^)]+)\)/.exec(r.stderr)?.[1]
}

describe.skipIf(!available)('iamflow serve with the AWS CLI', () => {
  beforeAll(async () => {
    em = createEmulator({ clock: { now: () => Date.now() + offset } })
    server = await startServer(em, { port: 0 })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('runs the seed flow (IAM, STS, s3api, s3 cp) and cleans up', { timeout: 180_000 }, async () => {
    expect((await aws(['sts', 'get-caller-identity'])).json).toEqual({ UserId: '123456789012', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' })
    expect((await aws(['s3api', 'create-bucket', '--bucket', 'cli-bucket'])).ok).toBe(true)
    const file = join(home, 'upload.txt')
    writeFileSync(file, 'hello from the cli\n')
    const cp = await aws(['s3', 'cp', file, 's3://cli-bucket/dir/upload.txt'])
    expect(cp.ok, cp.stderr).toBe(true)
    const listed = await aws(['s3api', 'list-objects-v2', '--bucket', 'cli-bucket'])
    expect(listed.json.Contents.map((c: { Key: string; Size: number }) => [c.Key, c.Size])).toEqual([['dir/upload.txt', 19]])
    expect((await aws(['iam', 'create-user', '--user-name', 'cli-user'])).json.User.Arn).toBe('arn:aws:iam::123456789012:user/cli-user')
    const key = (await aws(['iam', 'create-access-key', '--user-name', 'cli-user'])).json.AccessKey
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/cli-user' }, Action: 'sts:AssumeRole' }] })
    const role = (await aws(['iam', 'create-role', '--role-name', 'cli-role', '--assume-role-policy-document', trust])).json.Role
    expect(role.AssumeRolePolicyDocument).toEqual(JSON.parse(trust))
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] })
    const pol = (await aws(['iam', 'create-policy', '--policy-name', 'cli-list', '--policy-document', policy])).json.Policy
    expect((await aws(['iam', 'attach-role-policy', '--role-name', 'cli-role', '--policy-arn', pol.Arn])).ok).toBe(true)
    const user = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey }
    expect(codeOf(await aws(['s3api', 'list-buckets'], user))).toBe('AccessDenied')
    const assumed = await aws(['sts', 'assume-role', '--role-arn', role.Arn, '--role-session-name', 'cli-session'], user)
    const c = assumed.json.Credentials
    const session = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }
    expect((await aws(['sts', 'get-caller-identity'], session)).json.Arn).toBe('arn:aws:sts::123456789012:assumed-role/cli-role/cli-session')
    expect((await aws(['s3api', 'list-buckets'], session)).json.Buckets.map((b: { Name: string }) => b.Name)).toEqual(['cli-bucket'])
    for (const args of [
      ['iam', 'detach-role-policy', '--role-name', 'cli-role', '--policy-arn', pol.Arn],
      ['iam', 'delete-policy', '--policy-arn', pol.Arn],
      ['iam', 'delete-role', '--role-name', 'cli-role'],
      ['iam', 'delete-access-key', '--user-name', 'cli-user', '--access-key-id', key.AccessKeyId],
      ['iam', 'delete-user', '--user-name', 'cli-user'],
      ['s3', 'rm', 's3://cli-bucket/dir/upload.txt'],
      ['s3api', 'delete-bucket', '--bucket', 'cli-bucket'],
    ]) {
      const r = await aws(args)
      expect(r.ok, `${args.join(' ')}: ${r.stderr}`).toBe(true)
    }
    expect(em.inventory()).toMatchObject({ users: [], roles: [], policies: [], accessKeys: [], buckets: [], objects: [] })
  })

  it('aws s3 cp of a 9 MB file goes multipart and round-trips', { timeout: 120_000 }, async () => {
    expect((await aws(['s3api', 'create-bucket', '--bucket', 'cli-big'])).ok).toBe(true)
    const big = join(home, 'big.bin')
    writeFileSync(big, Buffer.alloc(9 * 1024 * 1024, 7))
    const up = await aws(['s3', 'cp', big, 's3://cli-big/big.bin'])
    expect(up.ok, up.stderr).toBe(true)
    const head = await aws(['s3api', 'head-object', '--bucket', 'cli-big', '--key', 'big.bin'])
    expect(head.json.ContentLength).toBe(9 * 1024 * 1024)
    expect(head.json.ETag).toMatch(/^"[0-9a-f]{32}-2"$/)
    const back = join(home, 'back.bin')
    expect((await aws(['s3', 'cp', 's3://cli-big/big.bin', back])).ok).toBe(true)
    expect(readFileSync(back).equals(readFileSync(big))).toBe(true)
    expect((await aws(['s3', 'rb', 's3://cli-big', '--force'])).ok).toBe(true)
  })

  it('refuses a wrong secret, an unknown key, a stale token and a skewed clock', { timeout: 180_000 }, async () => {
    expect(codeOf(await aws(['sts', 'get-caller-identity'], { ...em.root, secretAccessKey: 'z'.repeat(40) }))).toBe('SignatureDoesNotMatch')
    expect(codeOf(await aws(['iam', 'list-users'], { accessKeyId: 'AKIAUNKNOWNUNKNOWN22', secretAccessKey: em.root.secretAccessKey }))).toBe('InvalidClientTokenId')
    expect(codeOf(await aws(['s3api', 'list-buckets'], { accessKeyId: 'AKIAUNKNOWNUNKNOWN22', secretAccessKey: em.root.secretAccessKey }))).toBe('InvalidAccessKeyId')
    await aws(['iam', 'create-user', '--user-name', 'cli-stale'])
    const key = (await aws(['iam', 'create-access-key', '--user-name', 'cli-stale'])).json.AccessKey
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/cli-stale' }, Action: 'sts:AssumeRole' }] })
    const role = (await aws(['iam', 'create-role', '--role-name', 'cli-stale-role', '--assume-role-policy-document', trust])).json.Role
    const c = (
      await aws(['sts', 'assume-role', '--role-arn', role.Arn, '--role-session-name', 'stale', '--duration-seconds', '900'], {
        accessKeyId: key.AccessKeyId,
        secretAccessKey: key.SecretAccessKey,
      })
    ).json.Credentials
    offset = 16 * 60 * 1000
    try {
      const session = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }
      expect(codeOf(await aws(['sts', 'get-caller-identity'], session))).toBe('ExpiredToken')
      const skew = await aws(['sts', 'get-caller-identity'])
      expect(codeOf(skew)).toBe('SignatureDoesNotMatch')
      expect(skew.stderr).toContain('Signature expired')
      expect(codeOf(await aws(['s3api', 'list-buckets']))).toBe('RequestTimeTooSkewed')
    } finally {
      offset = 0
    }
  })
})
