import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASES, expanded, type Service } from './helpers/reliability/auth-cases.js'
import { startServe, type Creds, type Served } from './helpers/reliability/serve.js'
import { type AuthWorld, buildAuthWorld } from './helpers/reliability/world.js'

/**
 * `npm run test:long`: the refusal cases of security-auth-clients.test.ts through the AWS CLI
 * against `iamflow serve` (issue 9, item 4). The CLI starts Python for every command, so the
 * matrix takes a minute on two cores. Skipped, visibly, where `aws` is not installed.
 */
function has(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 20_000 })
    return true
  } catch {
    return false
  }
}
const HAS_AWS_CLI = has('aws', ['--version'])
if (!HAS_AWS_CLI) console.warn('SKIPPED: the AWS CLI refusal matrix (`aws` is not on PATH)')

const dir = mkdtempSync(join(tmpdir(), 'iamflow-auth-cli-'))
let served: Served
let w: AuthWorld

beforeAll(async () => {
  if (!HAS_AWS_CLI) return
  served = await startServe({ cwd: dir })
  w = await buildAuthWorld(served.url, served.root, 'cli')
})
afterAll(async () => {
  await served?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!HAS_AWS_CLI)(`aws CLI against iamflow serve${HAS_AWS_CLI ? '' : ' (SKIPPED: aws not found)'}`, () => {
  /** The error code the CLI prints: "An error occurred (Code) when calling ...". */
  const cli = (args: string[], creds: Creds): Promise<string> =>
    new Promise((res) => {
      const env = { ...process.env, AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' } as NodeJS.ProcessEnv
      delete env.AWS_SESSION_TOKEN
      delete env.AWS_PROFILE
      if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken
      const p = spawn('aws', [...args, '--endpoint-url', w.endpoint], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      let err = ''
      p.stderr.on('data', (d: Buffer) => (err += d))
      p.on('close', (code) => res(code === 0 ? 'OK' : (/An error occurred \(([^)]+)\)/.exec(err)?.[1] ?? `exit ${code}: ${err.trim()}`)))
    })
  const cmd: Record<Service, () => string[]> = { sts: () => ['sts', 'get-caller-identity'], s3: () => ['s3api', 'list-objects-v2', '--bucket', w.bucket], iam: () => ['iam', 'list-users'] }
  it('refuses every case with AWS code (clock cases need a shifted clock: SDK and boto3 cover them)', { timeout: 120_000 }, async () => {
    const cases = expanded(CASES.filter((c) => !c.skew))
    const got = await Promise.all(cases.map(async (x) => [x.label, await cli(cmd[x.s](), x.c.creds(w))] as const))
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(cases.map((x) => [x.label, x.code])))
  })
})
