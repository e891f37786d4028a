import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateAccessKeyCommand, CreateUserCommand, GetUserCommand, ListAccessKeysCommand, ListUserTagsCommand, ListUsersCommand, TagUserCommand } from '@aws-sdk/client-iam'
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { afterAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clientsFor, inventoryViaApi } from './helpers/reliability/aws.js'
import { createRng, seedFromEnv } from './helpers/reliability/rng.js'
import { startServe } from './helpers/reliability/serve.js'

/**
 * Issue 9, item 7. 10,000 mixed requests, 64 in flight, from the SDK over loopback to
 * `iamflow serve` with 2% injected internal errors: every answer is an HTTP answer, the only
 * 5xx are the injected ones, and the final state (read back through the list APIs, and from the
 * state file serve saves) is exactly the sum of the writes that succeeded: no lost update, no
 * write that failed yet happened, no quota exceeded by a race.
 */
const REQUESTS = Number(process.env.CONCURRENCY_REQUESTS ?? 10_000)
const IN_FLIGHT = 64
const SEED = seedFromEnv('CONCURRENCY_SEED')
const BUCKETS = ['conc-a', 'conc-b']
const dir = mkdtempSync(join(tmpdir(), 'iamflow-concurrency-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

type Answer = { ok: true } | { ok: false; code: string; status?: number; message: string }

async function attempt(p: Promise<unknown>): Promise<Answer> {
  try {
    await p
    return { ok: true }
  } catch (e) {
    const err = e as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } }
    return { ok: false, code: err.Code ?? err.name, status: err.$metadata?.httpStatusCode, message: err.message }
  }
}

/** Injected 5xx per service (knobs/faults.ts): anything else at 5xx is the emulator failing. */
const INJECTED: Record<string, { code: string; message: string }> = {
  iam: { code: 'ServiceFailure', message: 'An internal error occurred.' },
  sts: { code: 'ServiceFailure', message: 'An internal error occurred.' },
  s3: { code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
}

describe('concurrency against iamflow serve', () => {
  it(`${REQUESTS} mixed requests, ${IN_FLIGHT} in flight: no stray 5xx, final state = successful writes (seed ${SEED})`, { timeout: 180_000 }, async () => {
    const state = join(dir, 'state.json')
    const served = await startServe({ cwd: dir, state, quiet: true, faults: `internal=0.02,seed=${SEED}` })
    const root = clientsFor(served.url, served.root, { maxAttempts: 1, maxSockets: IN_FLIGHT })
    const verify = clientsFor(served.url, served.root, { maxAttempts: 10 })
    try {
      for (const Bucket of BUCKETS) await verify.s3.send(new CreateBucketCommand({ Bucket }))
      const rng = createRng(SEED)
      // What succeeded, as the clients saw it.
      const users = new Set<string>()
      const created: string[] = []
      const dupWins = new Map<string, number>()
      const tags = new Map<string, Set<string>>()
      const keys = new Map<string, number>()
      const bodies = new Map<string, Set<string>>()
      const objects = new Set<string>()
      const stray: string[] = []
      let fivexx = 0
      let done = 0
      const note = (service: string, what: string, a: Answer): boolean => {
        done++
        if (a.ok) return true
        if (a.status === undefined) stray.push(`${what}: no HTTP answer: ${a.code} ${a.message}`)
        else if (a.status >= 500) {
          fivexx++
          const inj = INJECTED[service]
          if (a.code !== inj.code || a.message !== inj.message) stray.push(`${what}: ${a.status} ${a.code} ${a.message}`)
        }
        return false
      }
      const someUser = () => (created.length ? created[rng.int(0, created.length - 1)] : 'c-0')
      const op = async (i: number): Promise<void> => {
        const r = rng.next()
        if (r < 0.18) {
          const name = `c-${i}`
          if (note('iam', 'CreateUser', await attempt(root.iam.send(new CreateUserCommand({ UserName: name }))))) users.add(name), created.push(name)
        } else if (r < 0.23) {
          const name = `dup-${rng.int(0, 19)}`
          if (note('iam', 'CreateUser dup', await attempt(root.iam.send(new CreateUserCommand({ UserName: name }))))) users.add(name), dupWins.set(name, (dupWins.get(name) ?? 0) + 1)
        } else if (r < 0.38) {
          const user = someUser()
          const key = `t-${i}`
          if (note('iam', 'TagUser', await attempt(root.iam.send(new TagUserCommand({ UserName: user, Tags: [{ Key: key, Value: `v${i}` }] }))))) {
            tags.set(user, (tags.get(user) ?? new Set()).add(key))
          }
        } else if (r < 0.43) {
          const user = someUser()
          if (note('iam', 'CreateAccessKey', await attempt(root.iam.send(new CreateAccessKeyCommand({ UserName: user }))))) keys.set(user, (keys.get(user) ?? 0) + 1)
        } else if (r < 0.63) {
          const Bucket = rng.pick(BUCKETS)
          const Key = `o-${rng.int(0, 1999)}`
          const body = `body-${i}`
          if (note('s3', 'PutObject', await attempt(root.s3.send(new PutObjectCommand({ Bucket, Key, Body: body }))))) {
            objects.add(`${Bucket}/${Key}`)
            bodies.set(`${Bucket}/${Key}`, (bodies.get(`${Bucket}/${Key}`) ?? new Set()).add(body))
          }
        } else if (r < 0.7) {
          // Put then delete a key of its own: present at the end only if the put held and the delete failed.
          const Bucket = rng.pick(BUCKETS)
          const Key = `d-${i}`
          if (!note('s3', 'PutObject d', await attempt(root.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' }))))) return
          objects.add(`${Bucket}/${Key}`)
          if (note('s3', 'DeleteObject', await attempt(root.s3.send(new DeleteObjectCommand({ Bucket, Key }))))) objects.delete(`${Bucket}/${Key}`)
        } else if (r < 0.8) {
          note('sts', 'GetCallerIdentity', await attempt(root.sts.send(new GetCallerIdentityCommand({}))))
        } else if (r < 0.85) {
          note('iam', 'ListUsers', await attempt(root.iam.send(new ListUsersCommand({ MaxItems: 20 }))))
        } else if (r < 0.9) {
          const a = await attempt(root.iam.send(new GetUserCommand({ UserName: someUser() })))
          note('iam', 'GetUser', a.ok || a.code !== 'NoSuchEntity' ? a : { ok: true })
        } else if (r < 0.95) {
          note('s3', 'ListObjectsV2', await attempt(root.s3.send(new ListObjectsV2Command({ Bucket: rng.pick(BUCKETS), MaxKeys: 50 }))))
        } else {
          const a = await attempt(root.s3.send(new GetObjectCommand({ Bucket: rng.pick(BUCKETS), Key: `o-${rng.int(0, 1999)}` })).then((o) => o.Body?.transformToString()))
          note('s3', 'GetObject', a.ok || a.code !== 'NoSuchKey' ? a : { ok: true })
        }
      }
      let next = 0
      const started = performance.now()
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          for (let i = next++; i < REQUESTS; i = next++) await op(i)
        }),
      )
      const elapsed = performance.now() - started
      console.log(`${done} requests in ${(elapsed / 1000).toFixed(1)} s (${Math.round(done / (elapsed / 1000))}/s), ${fivexx} injected 5xx, ${users.size} users, ${objects.size} objects`)

      expect(stray).toEqual([])
      expect(done).toBeGreaterThanOrEqual(REQUESTS)
      expect(fivexx).toBeGreaterThan(0) // faults were injected: the check above had something to judge
      // Duplicate creates: exactly one winner per name.
      expect([...dupWins.values()].filter((n) => n > 1)).toEqual([])

      const inv = await inventoryViaApi(verify)
      expect(inv.users).toEqual([...users].sort())
      expect(inv.objects).toEqual([...objects].sort())
      for (const user of created) {
        const listed = ((await verify.iam.send(new ListAccessKeysCommand({ UserName: user }))).AccessKeyMetadata ?? []).length
        expect({ user, keys: listed }).toEqual({ user, keys: keys.get(user) ?? 0 })
        expect(listed).toBeLessThanOrEqual(2)
      }
      for (const [user, want] of tags) {
        const got = ((await verify.iam.send(new ListUserTagsCommand({ UserName: user, MaxItems: 1000 }))).Tags ?? []).map((t) => t.Key)
        expect({ user, tags: got.sort() }).toEqual({ user, tags: [...want].sort() })
      }
      // Overwritten objects hold one of the bodies written to them, whole.
      for (const obj of [...bodies.keys()].slice(0, 300)) {
        const [Bucket, Key] = obj.split('/')
        const body = await (await verify.s3.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToString()
        expect(bodies.get(obj)!.has(body), `${obj}: ${body}`).toBe(true)
      }

      // What serve saved on SIGTERM is the same state.
      expect(await served.stop('SIGTERM')).toBe(0)
      const saved = createEmulator({ statePath: state }).inventory()
      expect({ users: saved.users, objects: saved.objects }).toEqual({ users: [...users].sort(), objects: [...objects].sort() })
      expect(saved.accessKeys.length).toBe([...keys.values()].reduce((a, b) => a + b, 0))
      // The emulator reported no failure of its own.
      expect(served.process.stderr()).not.toMatch(/internal error|request failed/i)
    } finally {
      root.destroy()
      verify.destroy()
      await served.stop('SIGKILL')
    }
  })
})
