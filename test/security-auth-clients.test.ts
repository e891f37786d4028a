import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ListUsersCommand } from '@aws-sdk/client-iam'
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import { awsError, clientsFor } from './helpers/reliability/aws.js'
import { startServe, type Served } from './helpers/reliability/serve.js'
import { sendRaw, signRaw } from './helpers/reliability/sigv4.js'
import { type AuthWorld, buildAuthWorld } from './helpers/reliability/world.js'
import { CASES, type ClientCase, EXPIRED, expanded, type Service } from './helpers/reliability/auth-cases.js'

/**
 * Issue 9, item 4 (real clients): the same refusals through SDK v3 and boto3 against
 * `iamflow serve`; expired temporary credentials against the emulator's HTTP server with a
 * controllable clock (sessions last at least 15 minutes). boto3 is skipped, visibly, when this
 * machine has none. The AWS CLI (about a second a command) runs the same cases in the long
 * variant, security-auth-clients.long.test.ts.
 */

/** One SDK v3 call per case and service: the AWS error code, or OK. */
async function sdkCode(w: AuthWorld, c: ClientCase, service: Service): Promise<string> {
  const cl = clientsFor(w.endpoint, c.creds(w), { maxAttempts: 1, clockOffsetMs: (c.skew ?? 0) * 1000 })
  try {
    const call = service === 'sts' ? cl.sts.send(new GetCallerIdentityCommand({})) : service === 'iam' ? cl.iam.send(new ListUsersCommand({})) : cl.s3.send(new ListObjectsV2Command({ Bucket: w.bucket }))
    return await call.then(
      () => 'OK',
      async () => (await awsError(call)).code,
    )
  } finally {
    cl.destroy()
  }
}


function has(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 20_000 })
    return true
  } catch {
    return false
  }
}
const HAS_BOTO3 = has('python3', ['-c', 'import boto3'])

/** Run the boto3 helper over the cases; `{ label: code }`. */
function boto3Codes(w: AuthWorld, cases: ClientCase[]): Promise<Record<string, string>> {
  const input = JSON.stringify({
    endpoint: w.endpoint,
    cases: expanded(cases).map(({ c, s, label }) => ({ name: label, service: s, creds: c.creds(w), skew: c.skew ?? 0, bucket: w.bucket })),
  })
  return new Promise((res, rej) => {
    const p = spawn('python3', [resolve('test/helpers/reliability/auth_clients.py')], { stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    p.stdout.on('data', (d: Buffer) => (out += d))
    p.stderr.on('data', (d: Buffer) => (err += d))
    p.on('close', (code) => {
      if (code !== 0) return rej(new Error(`boto3 helper exited ${code}: ${err}`))
      res(Object.fromEntries((JSON.parse(out) as Array<{ name: string; code: string }>).map((r) => [r.name, r.code])))
    })
    p.stdin.end(input)
  })
}

const dir = mkdtempSync(join(tmpdir(), 'iamflow-auth-clients-'))
let served: Served
let w: AuthWorld
// The emulator's own HTTP server, on a clock the test moves.
const clock = { t: Date.now(), now: () => clock.t }
let clocked: RunningServer
let cw: AuthWorld

beforeAll(async () => {
  served = await startServe({ cwd: dir })
  w = await buildAuthWorld(served.url, served.root, 'clients')
  const em = createEmulator({ clock })
  clocked = await startServer(em, { port: 0, host: '127.0.0.1' })
  cw = await buildAuthWorld(clocked.url, em.root, 'clock')
})
afterAll(async () => {
  await served?.stop()
  await clocked?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('SDK v3 against iamflow serve', () => {
  it.each(expanded(CASES).map((x) => [x.label, x] as const))('%s', async (_l, { c, s, code }) => {
    expect(await sdkCode(w, c, s)).toBe(code)
  })
})

describe('expired temporary credentials (emulator server on a controllable clock)', () => {
  it('SDK v3: every service answers ExpiredToken once the session is past its 15 minutes; a presigned URL made with it too', async () => {
    const host = new URL(cw.endpoint).host
    const url = await signRaw({ method: 'GET', path: `/${cw.bucket}/${cw.key}`, headers: {} }, host, { service: 's3', creds: cw.session, presign: 3600 })
    expect((await sendRaw(cw.endpoint, url)).status).toBe(200)
    for (const s of ['sts', 's3', 'iam'] as const) expect(await sdkCode(cw, { ...EXPIRED, skew: 0 }, s), s).toBe('OK')
    clock.t += 901_000
    try {
      for (const s of ['sts', 's3', 'iam'] as const) expect(await sdkCode(cw, EXPIRED, s), s).toBe('ExpiredToken')
      const late = await sendRaw(cw.endpoint, url)
      expect({ status: late.status, code: late.code, message: late.message }).toEqual({ status: 400, code: 'ExpiredToken', message: 'The provided token has expired.' })
      // A long-term key still works at that time.
      expect(await sdkCode(cw, { ...EXPIRED, creds: (x) => x.alice }, 'sts')).toBe('OK')
    } finally {
      clock.t -= 901_000
    }
  })
})

describe.skipIf(!HAS_BOTO3)(`boto3 against iamflow serve${HAS_BOTO3 ? '' : ' (SKIPPED: python3 with boto3 not found)'}`, () => {
  it('refuses every case with AWS code, like the SDK', { timeout: 60_000 }, async () => {
    const got = await boto3Codes(w, CASES)
    expect(got).toEqual(Object.fromEntries(expanded(CASES).map((x) => [x.label, x.code])))
  })
  it('expired session credentials: ExpiredToken', { timeout: 60_000 }, async () => {
    clock.t += 901_000
    try {
      expect(await boto3Codes(cw, [EXPIRED])).toEqual({ 'expired session credentials [sts]': 'ExpiredToken', 'expired session credentials [s3]': 'ExpiredToken', 'expired session credentials [iam]': 'ExpiredToken' })
    } finally {
      clock.t -= 901_000
    }
  })
})
