/**
 * Loads the bin's chunks (issue 19, cold start). `npm run build` bundles the CLI as CommonJS
 * chunks (`dist/bundle/*.cjs`, scripts/bundle.mjs); `dist/bundle/main.js` and `worker-main.js` are
 * two-line ES modules that call `boot` with their chunk. Each chunk is compiled here with
 * `vm.Script`, which accepts V8 cached data (Node 20 has no compile cache for ES modules), in
 * the CommonJS wrapper and in strict mode (the sources are ES modules), and its `require` of
 * `./name.cjs` comes back here; every other specifier (node builtins, the packages the bundle
 * leaves out) goes to Node's own `require` from the chunk's path. The chunks hold no `import()`
 * (the build turns each into `require()` and refuses any left).
 *
 * With the cache on (./code-cache.ts), a chunk found in the store is compiled from its cached
 * data; one missing (or whose data V8 rejected) is written when the process ends, with
 * `createCachedData()` taken then, so it holds every function this process compiled, not only
 * the top level.
 *
 * Each chunk loaded is published on the diagnostics channel `iamflow:bundle-chunk` as
 * `{ file, cache }` (`cache`: 'hit', 'miss', 'rejected' or 'off'), for the bench and the tests.
 */
import { channel } from 'node:diagnostics_channel'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'
import { CodeCache, processContext, sourceDigest } from './code-cache.js'

/** 'small': a chunk under MIN_CACHED_BYTES, compiled from source (faster than a cache lookup). */
export type CacheOutcome = 'hit' | 'miss' | 'rejected' | 'off' | 'small'

/** Chunks smaller than this compile from source: V8 preparses 16 KiB in well under 0.1 ms. */
export const MIN_CACHED_BYTES = 16 * 1024

export interface ChunkLoad {
  file: string
  cache: CacheOutcome
}

export const CHUNK_CHANNEL = 'iamflow:bundle-chunk'
const chunks = channel(CHUNK_CHANNEL)
const publish = (load: ChunkLoad): void => {
  if (chunks.hasSubscribers) chunks.publish(load)
}

interface Chunk {
  exports: Record<string, unknown>
}

type Wrapper = (exports: unknown, require: (id: string) => unknown, module: Chunk, filename: string, dirname: string) => void

/** The CommonJS wrapper, on the source's first line so line numbers stay those of the file. */
const HEAD = '(function (exports, require, module, __filename, __dirname) {"use strict";'
const TAIL = '\n})'
const WRAPPER = Buffer.from(`${HEAD}\0${TAIL}`)

/** A chunk's cache key: the SHA-256 of the loader's wrapper and the chunk's bytes. */
export function chunkDigest(bytes: Uint8Array): Buffer {
  return sourceDigest(WRAPPER, bytes)
}

export class BundleLoader {
  private readonly loaded = new Map<string, Chunk>()
  private cache: CodeCache | undefined
  private opened: boolean

  /**
   * `cache`: the store, or a function that opens it when a chunk first needs it (undefined: off).
   * `onLoad` hears of each chunk compiled (by default: the `iamflow:bundle-chunk` channel).
   */
  constructor(
    cache: CodeCache | undefined | (() => CodeCache | undefined),
    private readonly onLoad: (load: ChunkLoad) => void = publish,
    private readonly minCached = MIN_CACHED_BYTES,
  ) {
    this.opened = typeof cache !== 'function'
    this.cache = typeof cache === 'function' ? undefined : cache
    this.open = typeof cache === 'function' ? cache : () => undefined
  }

  private readonly open: () => CodeCache | undefined

  private store(): CodeCache | undefined {
    if (!this.opened) {
      this.opened = true
      this.cache = this.open()
    }
    return this.cache
  }

  /** The exports of chunk `file` (an absolute path), loading it first if needed. */
  load(file: string): Record<string, unknown> {
    const known = this.loaded.get(file)
    if (known) return known.exports
    const bytes = readFileSync(file)
    let source = bytes.toString('utf8')
    if (source.startsWith('#!')) source = `//${source.slice(2)}`
    const small = bytes.length < this.minCached
    const cache = small ? undefined : this.store()
    const digest = cache ? chunkDigest(bytes) : undefined
    const found = digest ? cache?.read(digest) : undefined
    const cachedData = typeof found === 'object' ? found : undefined
    // No importModuleDynamically: the chunks hold no import() (scripts/bundle.mjs refuses it), as
    // a function restored from cached data loses it on Node 20.
    const script = new Script(HEAD + source + TAIL, { filename: file, cachedData })
    let outcome: CacheOutcome = small ? 'small' : 'off'
    if (cache && digest) {
      // 'rejected': V8 refused the data (another V8 build or flags) or the entry was not whole.
      outcome = found === undefined ? 'miss' : found === 'corrupt' || script.cachedDataRejected === true ? 'rejected' : 'hit'
      if (outcome !== 'hit') cache.later(digest, () => script.createCachedData())
    }
    this.onLoad({ file, cache: outcome })
    const chunk: Chunk = { exports: {} }
    this.loaded.set(file, chunk)
    const dir = dirname(file)
    let nodeRequire: NodeJS.Require | undefined
    const require = (id: string): unknown => {
      if (id.startsWith('./') && id.endsWith('.cjs') && !id.includes('/', 2)) return this.load(join(dir, id.slice(2)))
      nodeRequire ??= createRequire(file)
      return nodeRequire(id)
    }
    try {
      ;(script.runInThisContext() as Wrapper)(chunk.exports, require, chunk, file, dir)
    } catch (err) {
      this.loaded.delete(file)
      throw err
    }
    return chunk.exports
  }

  /** Write the cache entries this process made (at exit). */
  flush(): number {
    return this.cache?.flush() ?? 0
  }
}

/**
 * Run the chunk `chunk` (a file name beside `entryUrl`, the calling module's URL) with the code
 * cache of this process, written when the process (or this worker thread) exits.
 */
export function boot(entryUrl: string, chunk: string): void {
  const loader = new BundleLoader(() => CodeCache.open(processContext()))
  process.once('exit', () => loader.flush())
  loader.load(join(dirname(fileURLToPath(entryUrl)), chunk))
}
