import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cachedDataVersionTag } from 'node:v8'
import { afterAll, describe, expect, it } from 'vitest'
import { BundleLoader, type CacheOutcome, chunkDigest } from './bundle-loader.js'
import { CodeCache, type CodeCacheContext, cacheRoot, decodeEntry, encodeEntry, fileName, keyDir, MAGIC, sourceDigest, trim } from './code-cache.js'

const work = mkdtempSync(join(tmpdir(), 'iamflow-code-cache-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

let dirs = 0
const fresh = (): string => join(work, `d${dirs++}`)

function ctx(over: Partial<CodeCacheContext> & { env?: NodeJS.ProcessEnv } = {}): CodeCacheContext {
  return { env: {}, nodeVersion: process.version, v8Tag: cachedDataVersionTag(), uid: process.getuid?.(), home: '/home/u', tmp: '/tmp', ...over }
}

/**
 * Two chunks in the bundle's CommonJS form: `a.cjs` requires `./b.cjs` and a node builtin, and
 * exports a function of both; each source is large enough that V8 makes real cached data.
 */
function writeChunks(dir: string, tag = 'x'): string {
  mkdirSync(dir, { recursive: true })
  const filler = `const TAG = ${JSON.stringify(tag)}\n${Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} }`).join('\n')}`
  writeFileSync(join(dir, 'b.cjs'), `${filler}\nexports.twice = (x) => 2 * x + f3(0)\n`)
  writeFileSync(join(dir, 'a.cjs'), `#!/usr/bin/env node\nconst b = require("./b.cjs")\nconst path = require("node:path")\n${filler}\nexports.run = (x) => path.basename("/p/" + (b.twice(x) + f1(0)))\nexports.strict = (function () { return this === undefined })()\n`)
  return join(dir, 'a.cjs')
}

/** Load `entry` with a fresh loader over `cache`, recording each chunk's cache outcome. */
function loadWith(cache: CodeCache | undefined, entry: string): { exports: Record<string, unknown>; outcomes: Map<string, CacheOutcome>; loader: BundleLoader } {
  const outcomes = new Map<string, CacheOutcome>()
  const loader = new BundleLoader(cache, (l) => outcomes.set(l.file.replace(/.*\//, ''), l.cache), 0)
  return { exports: loader.load(entry), outcomes, loader }
}

describe('where the code cache lives', () => {
  it('is IAMFLOW_COMPILE_CACHE, else XDG_CACHE_HOME, else ~/.cache, else a per-user directory in tmp; relative paths are ignored', () => {
    expect(cacheRoot(ctx({ env: { IAMFLOW_COMPILE_CACHE: '/c', XDG_CACHE_HOME: '/x' } }))).toBe('/c')
    expect(cacheRoot(ctx({ env: { IAMFLOW_COMPILE_CACHE: 'rel', XDG_CACHE_HOME: '/x' } }))).toBe('/x/iamflow/compile-cache')
    expect(cacheRoot(ctx({ env: { XDG_CACHE_HOME: 'rel' } }))).toBe('/home/u/.cache/iamflow/compile-cache')
    expect(cacheRoot(ctx({ home: '', uid: 1234 }))).toBe('/tmp/iamflow-compile-cache-1234')
  })

  it('is off with IAMFLOW_DISABLE_COMPILE_CACHE set (other than 0 or empty)', () => {
    expect(cacheRoot(ctx({ env: { IAMFLOW_DISABLE_COMPILE_CACHE: '1', IAMFLOW_COMPILE_CACHE: '/c' } }))).toBeUndefined()
    expect(cacheRoot(ctx({ env: { IAMFLOW_DISABLE_COMPILE_CACHE: 'true' } }))).toBeUndefined()
    expect(cacheRoot(ctx({ env: { IAMFLOW_DISABLE_COMPILE_CACHE: '0', IAMFLOW_COMPILE_CACHE: '/c' } }))).toBe('/c')
    expect(CodeCache.open(ctx({ env: { IAMFLOW_DISABLE_COMPILE_CACHE: '1' } }))).toBeUndefined()
  })

  it('keeps each Node version and V8 flag set apart', () => {
    const a = keyDir('/c', { nodeVersion: 'v20.20.2', v8Tag: 1 })
    expect(a).toBe('/c/node-v20.20.2-v8-1')
    expect(keyDir('/c', { nodeVersion: 'v20.19.0', v8Tag: 1 })).not.toBe(a)
    expect(keyDir('/c', { nodeVersion: 'v20.20.2', v8Tag: 2 })).not.toBe(a)
    expect(keyDir('/c', { nodeVersion: 'v20.20.2', v8Tag: -1 })).toBe('/c/node-v20.20.2-v8-4294967295')
  })
})

describe('an entry', () => {
  const source = sourceDigest(Buffer.from('exports.x = 1'))
  const data = Buffer.from('v8 data bytes')

  it('decodes to the data it was made with, for its own source only', () => {
    const entry = encodeEntry(source, data)
    expect(entry.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true)
    expect(decodeEntry(entry, source)?.equals(data)).toBe(true)
    expect(decodeEntry(entry, sourceDigest(Buffer.from('exports.x = 2')))).toBeUndefined()
  })

  it("is keyed by the loader's wrapper as well as the chunk (V8 would take data made for another wrapper of the same length)", () => {
    const bytes = Buffer.from('exports.x = 1')
    expect(chunkDigest(bytes).equals(sourceDigest(bytes))).toBe(false)
    expect(sourceDigest(Buffer.from('(function(){'), bytes).equals(sourceDigest(Buffer.from('(function(){"use strict";'), bytes))).toBe(false)
    expect(sourceDigest(Buffer.from('ab'), Buffer.from('c')).equals(sourceDigest(Buffer.from('abc')))).toBe(true)
  })

  it('is refused when any byte is changed or it is cut short', () => {
    const entry = encodeEntry(source, data)
    for (let i = 0; i < entry.length; i++) {
      const bad = Buffer.from(entry)
      bad[i]! ^= 0x01
      expect(decodeEntry(bad, source)).toBeUndefined()
    }
    expect(decodeEntry(entry.subarray(0, entry.length - 1), source)).toBeUndefined()
    expect(decodeEntry(entry.subarray(0, MAGIC.length + 64), source)).toBeUndefined()
  })
})

describe('the bundle loader with the code cache', () => {
  it('compiles from source and writes entries at flush (miss), then loads them (hit) with the same behaviour', () => {
    const entry = writeChunks(fresh())
    const dir = keyDir(fresh(), ctx())
    const first = loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry)
    expect(first.outcomes).toEqual(new Map([['a.cjs', 'miss'], ['b.cjs', 'miss']]))
    expect((first.exports.run as (x: number) => string)(5)).toBe('10')
    expect(first.exports.strict).toBe(true) // the chunks run in strict mode, as the ES modules they come from
    expect(existsSync(dir)).toBe(false) // nothing written before the process ends
    expect(first.loader.flush()).toBe(2)
    expect(readdirSync(dir).sort()).toEqual([fileName(chunkDigest(readFileSync(join(entry, '..', 'a.cjs')))), fileName(chunkDigest(readFileSync(join(entry, '..', 'b.cjs'))))].sort())
    if (process.getuid) expect(statSync(dir).mode & 0o777).toBe(0o700)

    const second = loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry)
    expect(second.outcomes).toEqual(new Map([['a.cjs', 'hit'], ['b.cjs', 'hit']]))
    expect((second.exports.run as (x: number) => string)(7)).toBe('14')
    expect(second.loader.flush()).toBe(0) // nothing to rewrite
  })

  it('a chunk whose source changed meets no old entry', () => {
    const chunks = fresh()
    const entry = writeChunks(chunks, 'one')
    const dir = keyDir(fresh(), ctx())
    loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry).loader.flush()
    writeChunks(chunks, 'two') // the same length, other bytes: V8 alone would accept the old data
    const again = loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry)
    expect(again.outcomes).toEqual(new Map([['a.cjs', 'miss'], ['b.cjs', 'miss']]))
  })

  it('a corrupt entry (flipped byte, cut short, garbage) is not given to V8, is rejected, and is written again whole', () => {
    const entry = writeChunks(fresh())
    const dir = keyDir(fresh(), ctx())
    loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry).loader.flush()
    const b = join(dir, fileName(chunkDigest(readFileSync(join(entry, '..', 'b.cjs')))))
    const whole = readFileSync(b)
    for (const bad of [Buffer.concat([whole.subarray(0, 200), Buffer.from([whole[200]! ^ 0xff]), whole.subarray(201)]), whole.subarray(0, whole.length >> 1), Buffer.from('garbage'), Buffer.alloc(0)]) {
      writeFileSync(b, bad)
      const run = loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry)
      expect(run.outcomes).toEqual(new Map([['a.cjs', 'hit'], ['b.cjs', 'rejected']]))
      expect((run.exports.run as (x: number) => string)(1)).toBe('2')
      expect(run.loader.flush()).toBe(1)
      expect(decodeEntry(readFileSync(b), chunkDigest(readFileSync(join(entry, '..', 'b.cjs'))))).toBeDefined()
    }
  })

  it("data V8 rejects (made by another V8 or other flags) is rebuilt", () => {
    const entry = writeChunks(fresh())
    const dir = keyDir(fresh(), ctx())
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    // A whole entry whose V8 data is not V8's: our digest passes, V8's own check refuses it.
    const source = chunkDigest(readFileSync(entry))
    writeFileSync(join(dir, fileName(source)), encodeEntry(source, Buffer.alloc(4096, 7)))
    const run = loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry)
    expect(run.outcomes.get('a.cjs')).toBe('rejected')
    expect(run.loader.flush()).toBe(2)
    expect(loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry).outcomes.get('a.cjs')).toBe('hit')
  })

  it('an unwritable or unusable store never fails the load or the flush', () => {
    const entry = writeChunks(fresh())
    const file = join(fresh())
    writeFileSync(file, 'a file, not a directory')
    const dir = join(file, 'node-x') // mkdir fails: ENOTDIR (a read-only file system fails alike; root ignores permission bits)
    const run = loadWith(new CodeCache(dir, file, ctx().uid), entry)
    expect(run.outcomes).toEqual(new Map([['a.cjs', 'miss'], ['b.cjs', 'miss']]))
    expect((run.exports.run as (x: number) => string)(2)).toBe('4')
    expect(run.loader.flush()).toBe(0)
  })

  it.runIf(process.getuid !== undefined)('a store directory others may write (or not ours) is neither read nor written', () => {
    const entry = writeChunks(fresh())
    const dir = keyDir(fresh(), ctx())
    loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry).loader.flush()
    chmodSync(dir, 0o777)
    const open = loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry)
    expect(open.outcomes).toEqual(new Map([['a.cjs', 'miss'], ['b.cjs', 'miss']]))
    expect(open.loader.flush()).toBe(0)
    chmodSync(dir, 0o700)
    chmodSync(join(dir, '..'), 0o777) // the root too (a shared tmp directory)
    expect(loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry).outcomes.get('a.cjs')).toBe('miss')
    chmodSync(join(dir, '..'), 0o700)
    const other = loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid! + 1), entry)
    expect(other.outcomes).toEqual(new Map([['a.cjs', 'miss'], ['b.cjs', 'miss']]))
    expect(loadWith(new CodeCache(dir, join(dir, '..'), ctx().uid), entry).outcomes.get('a.cjs')).toBe('hit')
  })

  it('chunks under the size limit compile from source, and the store is opened only when a larger chunk needs it', () => {
    const entry = writeChunks(fresh())
    let opened = 0
    const dir = keyDir(fresh(), ctx())
    const outcomes = new Map<string, CacheOutcome>()
    const small = new BundleLoader(() => (opened++, new CodeCache(dir, join(dir, '..'), ctx().uid)), (l) => outcomes.set(l.file.replace(/.*\//, ''), l.cache), 1 << 20)
    expect((small.load(entry).run as (x: number) => string)(4)).toBe('8')
    expect(outcomes).toEqual(new Map([['a.cjs', 'small'], ['b.cjs', 'small']]))
    expect(opened).toBe(0)
    expect(small.flush()).toBe(0)
    const sized = new BundleLoader(() => (opened++, new CodeCache(dir, join(dir, '..'), ctx().uid)), (l) => outcomes.set(l.file.replace(/.*\//, ''), l.cache), 0)
    sized.load(entry)
    expect(opened).toBe(1)
    expect(outcomes).toEqual(new Map([['a.cjs', 'miss'], ['b.cjs', 'miss']]))
  })

  it('with the cache off, chunks load from source and nothing is written', () => {
    const entry = writeChunks(fresh())
    const run = loadWith(undefined, entry)
    expect(run.outcomes).toEqual(new Map([['a.cjs', 'off'], ['b.cjs', 'off']]))
    expect((run.exports.run as (x: number) => string)(3)).toBe('6')
    expect(run.loader.flush()).toBe(0)
  })

  it('a chunk that throws at load is not kept: requiring it again runs it again', () => {
    const chunks = fresh()
    mkdirSync(chunks)
    const runs = join(chunks, 'runs.txt')
    writeFileSync(join(chunks, 'bad.cjs'), `require("node:fs").appendFileSync(${JSON.stringify(runs)}, "x")\nthrow new Error("boom")\n`)
    const loader = new BundleLoader(undefined, () => {}, 0)
    expect(() => loader.load(join(chunks, 'bad.cjs'))).toThrow('boom')
    expect(() => loader.load(join(chunks, 'bad.cjs'))).toThrow('boom')
    expect(readFileSync(runs, 'utf8')).toBe('xx')
  })
})

describe('trim', () => {
  it('removes the oldest entries, every Node version together, until the store is under its limit, and empty version directories', () => {
    const root = fresh()
    const old = join(root, 'node-v20.19.0-v8-1')
    const cur = join(root, 'node-v20.20.2-v8-2')
    mkdirSync(old, { recursive: true })
    mkdirSync(cur, { recursive: true })
    const files = [join(old, 'a.v8'), join(old, 'b.v8'), join(cur, 'c.v8'), join(cur, 'd.v8')]
    files.forEach((f, i) => {
      writeFileSync(f, Buffer.alloc(1000))
      utimesSync(f, 1_000_000 + i, 1_000_000 + i)
    })
    writeFileSync(join(root, 'not-ours.txt'), Buffer.alloc(5000))
    trim(root, 4000)
    expect(files.map(existsSync)).toEqual([true, true, true, true])
    trim(root, 2500)
    expect(files.map(existsSync)).toEqual([false, false, true, true])
    expect(existsSync(old)).toBe(false)
    expect(existsSync(join(root, 'not-ours.txt'))).toBe(true)
    trim(join(root, 'missing'), 0) // no store: no error
  })
})
