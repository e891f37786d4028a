import { CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { clientsFor } from './helpers/reliability/aws.js'
import { runCli } from './helpers/reliability/cli.js'
import { startServe } from './helpers/reliability/serve.js'

/**
 * Issue 12, defect 7 (a, c): a --state path that cannot be used stops serve (and run) at start
 * with exit 2, the path and the reason, never "internal error ... report it"; a save that fails
 * is loud (the request is answered with the service's 500, stderr says what failed) and
 * shutdown says what it really did.
 */
const tmp = () => mkdtempSync(join(tmpdir(), 'iamflow-state-cli-'))

async function serveRefuses(statePath: string, cwd: string): Promise<string> {
  const r = await runCli(['serve', '--port', '0', '--state', statePath], { cwd })
  expect(r.code).toBe(2)
  expect(r.stdout).not.toContain('listening')
  expect(r.stderr).not.toMatch(/internal error|report it|\n\s+at /)
  return r.stderr
}

describe('serve --state: unusable paths fail at start with exit 2, the path and the reason', () => {
  it('a directory, a file that is not JSON, JSON that is not a state, a newer version, a path under a file', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    expect(await serveRefuses(cwd, cwd)).toBe(
      `error [STATE_NOT_A_FILE]: ${cwd} is a directory; --state names a file (its journal and object bodies are kept beside it)\nhint: give a file path, for example ${cwd}/state.json\n`,
    )
    const bad = join(cwd, 'bad.json')
    writeFileSync(bad, '{"format":"iamflow-emulator-state",}')
    expect(await serveRefuses(bad, cwd)).toMatch(new RegExp(`^error \\[STATE_CORRUPT\\]: ${bad} is not valid JSON at line 1, column 36: `))
    const other = join(cwd, 'other.json')
    writeFileSync(other, '{"name":"a package.json, say"}')
    expect(await serveRefuses(other, cwd)).toMatch(new RegExp(`^error \\[STATE_NOT_A_FILE\\]: ${other} is not an iamflow state file \\(it has no "format": "iamflow-emulator-state"\\)\nhint: `))
    const newer = join(cwd, 'newer.json')
    writeFileSync(newer, '{"format":"iamflow-emulator-state","version":3}\n')
    expect(await serveRefuses(newer, cwd)).toMatch(new RegExp(`^error \\[STATE_VERSION\\]: ${newer}: state format version 3 is not supported`))
    const sync = await runCli(['serve', '--port', '0', '--state', join(cwd, 'fine.json'), '--state-sync', 'sometimes'], { cwd })
    expect([sync.code, sync.stderr]).toEqual([2, "error [SERVE_BAD_STATE_SYNC]: --state-sync: expected always, batch, batch=MS or none, got 'sometimes'\n"])
    const file = join(cwd, 'plain-file')
    writeFileSync(file, 'x')
    expect(await serveRefuses(join(file, 'state.json'), cwd)).toMatch(new RegExp(`^error \\[STATE_UNWRITABLE\\]: cannot use ${join(file, 'state.json')}: a part of its directory path is a file`))
  })

  it('run --state with an unusable path: exit 2 the same way', async () => {
    const cwd = tmp()
    const r = await runCli(['run', 'scenarios/assume-role.yaml', '--state', cwd], { cwd: process.cwd(), env: { AWS_ENDPOINT_URL: '' } })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`error [STATE_NOT_A_FILE]: ${cwd} is a directory;`)
    expect(r.stderr).not.toMatch(/internal error|report it/)
  })
})

describe('serve --state: failed saves are loud', () => {
  it('shutdown says the snapshot was NOT saved (exit 3), and the journal still has every answered write', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    const state = join(cwd, 'state.json')
    const served = await startServe({ cwd, state, quiet: true })
    const c = clientsFor(served.url, served.root)
    try {
      await c.iam.send(new CreateUserCommand({ UserName: 'kept-in-journal' }))
      // Something takes the snapshot's place: the rename at shutdown cannot succeed.
      rmSync(state, { force: true })
      mkdirSync(join(state, 'in-the-way'), { recursive: true })
      expect(await served.stop('SIGTERM')).toBe(3)
      expect(served.process.stdout()).not.toContain('state saved')
      expect(served.process.stderr()).toMatch(
        new RegExp(`error: state NOT saved: could not write the snapshot ${state}: E[A-Z]+: [^;]+; every acknowledged change is in ${state}\\.journal\\.\\d+, which the next start replays\n`),
      )
    } finally {
      c.destroy()
      await served.stop('SIGKILL')
    }
    rmSync(state, { recursive: true })
    const again = await startServe({ cwd, state, quiet: true })
    const c2 = clientsFor(again.url, again.root)
    try {
      expect(((await c2.iam.send(new ListUsersCommand({}))).Users ?? []).map((u) => u.UserName)).toEqual(['kept-in-journal'])
      expect(await again.stop('SIGTERM')).toBe(0)
      expect(again.process.stdout()).toMatch(new RegExp(`state saved to ${state}: 1 account, 1 user, 0 roles, 0 groups, 0 policies, 1 access key, 0 sessions, 0 buckets, 0 objects; snapshot \\d+ B in \\d+ ms\n`))
    } finally {
      c2.destroy()
      await again.stop('SIGKILL')
    }
  })

  it('a write whose body cannot be saved is answered 500 InternalError with the reason, stderr says so, and writes work again once the disk does', { timeout: 120_000 }, async () => {
    const cwd = tmp()
    const state = join(cwd, 'state.json')
    const served = await startServe({ cwd, state, quiet: true })
    const c = clientsFor(served.url, served.root)
    try {
      await c.s3.send(new CreateBucketCommand({ Bucket: 'bodies' }))
      await c.s3.send(new PutObjectCommand({ Bucket: 'bodies', Key: 'first', Body: 'one' }))
      // The object-body directory is moved away and a file takes its place: no new body can be written.
      renameSync(`${state}.objects`, `${state}.objects-aside`)
      writeFileSync(`${state}.objects`, 'not a directory')
      const err = await c.s3.send(new PutObjectCommand({ Bucket: 'bodies', Key: 'second', Body: 'two' })).then(
        () => undefined,
        (e: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => e,
      )
      expect(err?.name).toBe('InternalError')
      expect(err?.$metadata?.httpStatusCode).toBe(500)
      expect(err?.message).toMatch(new RegExp(`^The change was made in memory but could not be saved: the state could not be saved to ${state} \\(could not write the object body ${state}\\.objects/[0-9a-f]{64}: ENOTDIR: not a directory\\)\\. It is lost if the emulator stops before the state can be saved again\\.$`))
      await served.process.waitFor(/iamflow emulator: could not write the object body .*Writes are answered with an error \(ServiceFailure \/ InternalError\) until the state can be saved again; retrying\./, 5_000)
      // IAM writes are refused too while the state is not being saved.
      const iamErr = await c.iam.send(new CreateUserCommand({ UserName: 'refused' })).then(
        () => undefined,
        (e: { name: string }) => e,
      )
      expect(iamErr?.name).toBe('ServiceFailureException') // the SDK's name for the ServiceFailure code
      // The disk is back: a retry compacts, and writes are answered again.
      rmSync(`${state}.objects`)
      renameSync(`${state}.objects-aside`, `${state}.objects`)
      await served.process.waitFor(/iamflow emulator: the state is saved again to .* \(\d+ writes answered with an error meanwhile are in it\)/, 30_000)
      await c.s3.send(new PutObjectCommand({ Bucket: 'bodies', Key: 'third', Body: 'three' }))
      expect(await served.stop('SIGKILL')).toBe('SIGKILL')
    } finally {
      c.destroy()
      await served.stop('SIGKILL')
    }
    const again = await startServe({ cwd, state, quiet: true })
    const c2 = clientsFor(again.url, again.root)
    try {
      for (const [Key, text] of [['first', 'one'], ['second', 'two'], ['third', 'three']]) {
        const got = await c2.s3.send(new GetObjectCommand({ Bucket: 'bodies', Key }))
        expect(await got.Body!.transformToString()).toBe(text)
      }
    } finally {
      c2.destroy()
      await again.stop('SIGKILL')
    }
  })
})
