import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { addAccount } from './accounts.js'
import { encodeLine } from './journal.js'
import { emptyState, objectMap, type EmulatorState, type ObjectEntity, type UserEntity } from './model.js'
import { stateToJson } from './persist.js'
import { StateSaveError } from './state-error.js'
import { StateStore, type StateStoreOptions } from './store.js'
import { allUnits, unitJson } from './units.js'

const ACCOUNT = '123456789012'
const tmp = () => join(mkdtempSync(join(tmpdir(), 'iamflow-store-')), 'state.json')

/** Every unit of a state as one sorted list of lines (bodies as hex): equal lists, equal states. */
function dump(state: EmulatorState): string[] {
  return [...allUnits(state)]
    .map((u) => `${u.kind}|${u.parent ?? ''}|${u.key}|${unitJson(u.kind, u.value)}|${u.kind === 'object' ? Buffer.from((u.value as ObjectEntity).body).toString('hex') : ''}`)
    .sort()
}

function user(name: string): UserEntity {
  return { name, id: `AIDA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`, arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, path: '/', createDate: 1, tags: [], inline: [], attached: [], groups: [] }
}

const obj = (key: string, text: string): ObjectEntity => ({ key, body: new Uint8Array(Buffer.from(text)), etag: `"${key}"`, lastModified: 1, metadata: {} })

/** A store on `path` with the default account, like createEmulator sets it up. */
function open(path: string, opts: Partial<StateStoreOptions> = {}) {
  const messages: string[] = []
  const { store, state: loaded } = StateStore.open({ path, onWarning: (m) => messages.push(`warning: ${m}`), onError: (m) => messages.push(`error: ${m}`), ...opts })
  const state = loaded ?? emptyState()
  store.attach(state)
  if (!state.accounts.has(ACCOUNT)) store.changeSync(() => addAccount(state, { accountId: ACCOUNT, accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's'.repeat(40), now: 1 }))
  const account = () => state.accounts.get(ACCOUNT)!
  /** One request: `fn` runs with tracking, then its changes are committed. */
  const request = async (fn: () => void | Promise<void>) => {
    const touches = store.touches()
    await store.track(touches, async () => fn())
    await store.commit(touches)
  }
  return { store, state, account, request, messages }
}

const journals = (path: string) => readdirSync(join(path, '..')).filter((n) => n.startsWith('state.json.journal.')).sort()

describe('state store: journal', () => {
  it('a reload replays every committed change: new, changed in place after a lookup, deleted', async () => {
    const path = tmp()
    const a = open(path)
    await a.request(() => {
      a.account().users.set('alice', user('alice'))
      a.account().users.set('bob', user('bob'))
    })
    await a.request(() => {
      a.account().users.get('alice')!.tags.push({ Key: 'team', Value: 'red' })
      a.account().users.delete('bob')
    })
    await a.request(() => {
      a.state.buckets.set('b1', { name: 'b1', region: 'us-east-1', accountId: ACCOUNT, createDate: 1, objects: objectMap(), versions: objectMap() })
      a.state.buckets.get('b1')!.objects.set('k', obj('k', 'hello'))
    })
    const b = open(path)
    expect(b.messages).toEqual([])
    expect(dump(b.state)).toEqual(dump(a.state))
    expect(b.account().users.get('alice')!.tags).toEqual([{ Key: 'team', Value: 'red' }])
    expect(b.store.loaded).toMatchObject({ records: 4, snapshotUnits: 0, journalGen: 1 })
  })

  it('a request that changes nothing writes nothing', async () => {
    const path = tmp()
    const a = open(path)
    await a.request(() => void a.account().users.set('alice', user('alice')))
    const size = statSync(`${path}.journal.1`).size
    await a.request(() => {
      a.account().users.get('alice')
      a.account().users.get('nobody')
    })
    expect(statSync(`${path}.journal.1`).size).toBe(size)
  })

  it('a torn last record is dropped with a warning, and cut before the next append', async () => {
    const path = tmp()
    const a = open(path)
    await a.request(() => void a.account().users.set('alice', user('alice')))
    writeFileSync(`${path}.journal.1`, readFileSync(`${path}.journal.1`, 'utf8') + encodeLine('{"t":2,"ops":[]}').slice(0, 12), { flag: 'w' })
    const b = open(path)
    expect(b.messages).toEqual([`warning: ${path}.journal.1: dropped an incomplete last record, line 4 (12 bytes, incomplete (no newline)): a crash while it was being written (its request was never answered)`])
    expect([...b.account().users.keys()]).toEqual(['alice'])
    await b.request(() => void b.account().users.set('carol', user('carol')))
    const c = open(path)
    expect(c.messages).toEqual([])
    expect([...c.account().users.keys()].sort()).toEqual(['alice', 'carol'])
  })
})

describe('state store: snapshots', () => {
  it('compacts when the journal grows, deletes old journals, and a reload gives the same state', async () => {
    const path = tmp()
    const a = open(path, { compactAfterBytes: 2000 })
    for (let i = 0; i < 40; i++) await a.request(() => void a.account().users.set(`u${i}`, user(`u${i}`)))
    // A snapshot half-written by a process that was killed while compacting is cleaned up.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!
    writeFileSync(`${path}.${dead}-1.tmp`, '{"format":')
    await a.store.save()
    expect(existsSync(`${path}.${dead}-1.tmp`)).toBe(false)
    expect(journals(path).length).toBe(1)
    expect(Number(journals(path)[0]!.split('.').pop())).toBeGreaterThan(2)
    const head = JSON.parse(readFileSync(path, 'utf8').split('\n')[0]!) as { journal: number }
    expect(`state.json.journal.${head.journal}`).toBe(journals(path)[0])
    expect(dump(open(path).state)).toEqual(dump(a.state))
  })

  it('changes made while a snapshot is being written are in the reloaded state (journal after the switch)', async () => {
    const path = tmp()
    const a = open(path)
    a.store.changeSync(() => {
      for (let i = 0; i < 3000; i++) a.account().users.set(`pre${i}`, user(`pre${i}`))
    })
    let ticks = 0
    const ticker = setInterval(() => ticks++, 0)
    const saving = a.store.save()
    const during: Promise<void>[] = []
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setImmediate(r))
      during.push(
        a.request(() => {
          a.account().users.set(`during${i}`, user(`during${i}`))
          a.account().users.delete(`pre${i}`)
          a.account().users.get(`pre${2999 - i}`)!.path = '/changed/'
        }),
      )
    }
    const summary = await saving
    await Promise.all(during)
    clearInterval(ticker)
    expect(summary.counts.user).toBeGreaterThanOrEqual(2980)
    // Not one synchronous block: timers ran while the snapshot was written.
    expect(ticks).toBeGreaterThan(0)
    const b = open(path)
    expect(dump(b.state)).toEqual(dump(a.state))
    expect(b.account().users.get('pre2999')!.path).toBe('/changed/')
  })

  it('object bodies are files named by sha256, stored once, collected when no longer used; the snapshot holds none', async () => {
    const path = tmp()
    const a = open(path)
    const big = 'x'.repeat(100_000)
    await a.request(() => {
      a.state.buckets.set('b1', { name: 'b1', region: 'us-east-1', accountId: ACCOUNT, createDate: 1, objects: objectMap(), versions: objectMap() })
      const objects = a.state.buckets.get('b1')!.objects
      objects.set('one', obj('one', big))
      objects.set('two', obj('two', big))
      objects.set('small', obj('small', 'v1'))
    })
    expect(readdirSync(`${path}.objects`).length).toBe(2)
    await a.request(() => void a.state.buckets.get('b1')!.objects.set('small', obj('small', 'v2')))
    expect(readdirSync(`${path}.objects`).length).toBe(3)
    const summary = await a.store.save()
    expect(readdirSync(`${path}.objects`).sort()).toEqual(
      [big, 'v2'].map((t) => createHash('sha256').update(t).digest('hex')).sort(),
    )
    expect(summary).toMatchObject({ bodies: 2, bodyBytes: 200_002 })
    expect(statSync(path).size).toBeLessThan(2000)
    const b = open(path)
    expect(Buffer.from(b.state.buckets.get('b1')!.objects.get('two')!.body).toString()).toBe(big)
    expect(dump(b.state)).toEqual(dump(a.state))
  })

  it('reads a version-1 file (one JSON document, bodies base64) and rewrites it as a snapshot on save', async () => {
    const path = tmp()
    const v1 = emptyState()
    addAccount(v1, { accountId: ACCOUNT, accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's'.repeat(40), now: 1 })
    v1.accounts.get(ACCOUNT)!.users.set('old', user('old'))
    v1.buckets.set('b1', { name: 'b1', region: 'us-east-1', accountId: ACCOUNT, createDate: 1, objects: objectMap([['k', obj('k', 'bytes')]]), versions: objectMap() })
    writeFileSync(path, stateToJson(v1))
    const a = open(path)
    expect(a.store.loaded).toMatchObject({ snapshotVersion: 1, snapshotUnits: 5 })
    expect(dump(a.state)).toEqual(dump(v1))
    await a.request(() => void a.account().users.set('new', user('new')))
    expect([...open(path).account().users.keys()].sort()).toEqual(['new', 'old'])
    await a.store.save()
    expect(readFileSync(path, 'utf8')).toMatch(/^\{"format":"iamflow-emulator-state","version":2,/)
    const b = open(path)
    expect(b.store.loaded.snapshotVersion).toBe(2)
    expect(dump(b.state)).toEqual(dump(a.state))
  })
})

describe('state store: failures', () => {
  it.skipIf(!existsSync('/dev/full'))('a journal that cannot be written refuses writes loudly, then recovers by a snapshot that keeps them', async () => {
    const path = tmp()
    const a = open(path)
    await a.request(() => void a.account().users.set('before', user('before')))
    await a.store.save()
    const current = journals(path)[0]!
    rmSync(join(path, '..', current))
    symlinkSync('/dev/full', join(path, '..', current))
    const failed = a.request(() => void a.account().users.set('during', user('during')))
    await expect(failed).rejects.toBeInstanceOf(StateSaveError)
    await expect(failed).rejects.toThrow(`the state could not be saved to ${path} (could not write the journal ${join(path, '..', current)}:`)
    expect(a.messages[0]).toMatch(new RegExp(`^error: could not write the journal ${join(path, '..', current).replace(/[.]/g, '\\.')}: .*Writes are answered with an error \\(ServiceFailure / InternalError\\) until the state can be saved again; retrying\\.$`))
    // While broken, every write is refused (and not half-written).
    await expect(a.request(() => void a.account().users.set('during2', user('during2')))).rejects.toBeInstanceOf(StateSaveError)
    // The retry compacts into a new journal generation: writes are answered again.
    const deadline = Date.now() + 10_000
    while (a.store.failure && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(a.store.failure).toBeUndefined()
    expect(a.messages.at(-1)).toBe(`error: the state is saved again to ${path} (2 writes answered with an error meanwhile are in it)`)
    await a.request(() => void a.account().users.set('after', user('after')))
    expect([...open(path).account().users.keys()].sort()).toEqual(['after', 'before', 'during', 'during2'])
  })

  it('save() that cannot write the snapshot rejects with the path and says the journal still has every change', async () => {
    const path = tmp()
    const a = open(path)
    await a.request(() => void a.account().users.set('kept', user('kept')))
    rmSync(path, { force: true })
    mkdirSync(join(path, 'blocker'), { recursive: true })
    const err = await a.store.save().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(StateSaveError)
    expect((err as StateSaveError).changesAtRisk).toBe(false)
    expect((err as Error).message).toMatch(new RegExp(`^could not write the snapshot ${path.replace(/[.]/g, '\\.')}: E[A-Z]+: .*; every acknowledged change is in ${path.replace(/[.]/g, '\\.')}\\.journal\\.2, which the next start replays$`))
  })
})
