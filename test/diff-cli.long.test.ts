import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import { cpSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EXAMPLE_ROOT_KEY } from '../src/emulator/index.js'
import { runIamflow, type Spawned, spawnIamflow } from './run-cli-helpers.js'
import { cleanTmp, tmp } from './runner-helpers.js'

// `iamflow diff` end to end: the embedded emulator against `iamflow serve` (identical by design),
// against serve with a forced fault, and against moto's server when it is installed.
const LIBRARY = resolve('scenarios')
const ASSUME_ROLE = resolve('scenarios/assume-role.yaml')
const env = { AWS_ACCESS_KEY_ID: EXAMPLE_ROOT_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: EXAMPLE_ROOT_KEY.secretAccessKey, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: '', NO_COLOR: '1' }
const servers: Spawned[] = []

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.child.kill('SIGTERM')
    await s.exit
  }
  cleanTmp()
})

async function serve(cwd: string, extra: string[] = []): Promise<string> {
  const server = spawnIamflow(['serve', '--port', '0', '--quiet', ...extra], { cwd, env })
  servers.push(server)
  const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/)
  return url
}

const hasMoto = spawnSync('python3', ['-c', 'import moto.server, flask'], { stdio: 'ignore' }).status === 0
if (!hasMoto) console.warn('[diff-cli.long.test] moto is not installed (python3 -m moto.server): the moto comparison is skipped')

async function freePort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  const port = (srv.address() as { port: number }).port
  await new Promise((r) => srv.close(r))
  return port
}

describe('iamflow diff', () => {
  it('finds no difference between the embedded emulator and iamflow serve for the whole library', async () => {
    const cwd = tmp()
    const url = await serve(cwd)
    // deny-plain-http differs by design on a plain-HTTP serve (aws:SecureTransport is false there):
    // the library without it, policy files and all.
    const library = join(cwd, 'library')
    cpSync(LIBRARY, library, { recursive: true })
    rmSync(join(library, 'deny-plain-http.yaml'))
    // snapshot-ci-role starts from an account snapshot: serve must be started from it (--import),
    // which the next test does; this serve acts in another account and refuses it (snapshot-conflict).
    rmSync(join(library, 'snapshot-ci-role.yaml'))
    const count = readdirSync(library).filter((f) => f.endsWith('.yaml')).length
    const run = await runIamflow(['diff', library, '--target', 'embedded', '--target', url, '--json'], { cwd, env })
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.targets).toEqual(['embedded', url])
    expect(report.summary).toMatchObject({ different: 0, differingSteps: 0, problems: 0 })
    expect(report.summary.scenarios).toBe(count)
    expect(count).toBeGreaterThanOrEqual(21)
    expect(report.summary.steps).toBeGreaterThan(100)
  }, 300_000)

  it('finds no difference for the snapshot lab between the embedded emulator and serve --import of its snapshot', async () => {
    const cwd = tmp()
    const lab = resolve('scenarios/snapshot-ci-role.yaml')
    const plain = await serve(cwd)
    const refused = await runIamflow(['run', lab, '--endpoint-url', plain], { cwd, env })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`error [snapshot-conflict]: ${lab} starts from ${resolve('scenarios/snapshots/example-account.json')}, a snapshot of account 111122223333, but the target acts in account 123456789012`)
    expect(refused.stderr).toContain(`hint: start the endpoint from it: iamflow serve --import ${resolve('scenarios/snapshots/example-account.json')}`)
    const url = await serve(cwd, ['--import', resolve('scenarios/snapshots/example-account.json')])
    const run = await runIamflow(['diff', lab, '--target', 'embedded', '--target', url, '--json'], { cwd, env })
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout).summary).toMatchObject({ scenarios: 1, different: 0, differingSteps: 0, problems: 0, steps: 9 })
  }, 120_000)

  it('reports the steps a forced fault changes, field by field, with a summary (text and JSON)', async () => {
    const cwd = tmp()
    // ValidationError: not an answer the runner waits out as IAM propagation (AccessDenied would be).
    const url = await serve(cwd, ['--faults', 'code=ValidationError,operations=ListBuckets'])
    const text = await runIamflow(['diff', ASSUME_ROLE, '--target', 'embedded', '--target', url], { cwd, env })
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('assume-role (')
    expect(text.stdout).toContain('): 2 of 9 steps differ\n')
    expect(text.stdout).toContain(['  session-lists  s3.listBuckets', '    outcome:', '      A  success', '      B  error', '    code:', '      A  (none)', '      B  ValidationError', '    status:', '      A  200', '      B  400'].join('\n'))
    expect(text.stdout).toContain(['  user-cannot-list  s3.listBuckets', '    code:', '      A  AccessDenied', '      B  ValidationError', '    status:', '      A  403', '      B  400', '    because:', '      A  implicitDeny', '      B  (none)'].join('\n'))
    expect(text.stdout).toContain(`Scenarios: 0 identical, 1 with differences (2 of 9 steps) on embedded vs ${url}`)
    const json = await runIamflow(['diff', ASSUME_ROLE, '--target', url, '--target', 'embedded', '--json'], { cwd, env })
    expect(json.code).toBe(1)
    const report = JSON.parse(json.stdout)
    expect(report.scenarios[0].differences.map((d: { step: string }) => d.step)).toEqual(['user-cannot-list', 'session-lists'])
    expect(report.scenarios[0].differences[1].fields[0]).toEqual({ field: 'outcome', a: 'error', b: 'success' })
  }, 120_000)

  it.skipIf(!hasMoto)('finds where moto differs (it does not enforce IAM policies)', async () => {
    const cwd = tmp()
    const port = await freePort()
    const moto = spawnOther(['python3', '-m', 'moto.server', '-p', String(port)], cwd)
    servers.push(moto)
    await moto.waitFor(/Running on|Serving Flask/, 60_000)
    const run = await runIamflow(['diff', ASSUME_ROLE, '--target', 'embedded', '--target', `http://127.0.0.1:${port}`, '--json'], { cwd, env: { ...env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' } })
    expect(run.code, run.stderr).toBe(1)
    const d = JSON.parse(run.stdout).scenarios[0].differences
    expect(d[0].step).toBe('user-cannot-list')
    expect(d[0].fields[0]).toEqual({ field: 'outcome', a: 'error', b: 'success' })
  }, 120_000)

  it.each([
    [['--target', 'embedded'], 'diff needs exactly two --target options (got 1)'],
    [['--target', 'embedded', '--target', 'ftp://x'], '--target ftp://x: not embedded, aws, aws:PROFILE or an http(s) endpoint URL'],
    [['--target', 'embedded', '--target', 'aws:bad profile'], '--target aws:bad profile: "bad profile" is not a profile name'],
  ])('refuses bad targets before running anything (exit 2, bad-target): %j', async (flags, message) => {
    const run = await runIamflow(['diff', ASSUME_ROLE, ...flags], { cwd: tmp(), env })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`error [bad-target]: ${message}`)
  }, 60_000)

  it('refuses an embedded side that AWS_ENDPOINT_URL would redirect', async () => {
    const run = await runIamflow(['diff', ASSUME_ROLE, '--target', 'embedded', '--target', 'http://127.0.0.1:9'], { cwd: tmp(), env: { ...env, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('error [bad-target]: --target embedded: AWS_ENDPOINT_URL is set (http://127.0.0.1:9)')
  }, 60_000)
})

/** A non-iamflow child with the same line-waiting helpers (moto's server). */
function spawnOther(argv: string[], cwd: string): Spawned {
  const child = spawn(argv[0], argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const exit = new Promise<number | string>((r) => child.on('exit', (code, signal) => r(code ?? signal ?? -1)))
  return {
    child,
    stdout: () => out,
    stderr: () => out,
    exit,
    waitFor: async (pattern, timeoutMs = 20_000) => {
      const until = Date.now() + timeoutMs
      for (;;) {
        const m = out.match(pattern)
        if (m) return m
        if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}: ${out}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
  }
}
