/**
 * A V8 code cache for the bin's chunks on Node 20 (issue 19, cold start), which has no
 * `module.enableCompileCache` (Node 22). The bundle-loader (./bundle-loader.ts) compiles each
 * chunk with `vm.Script`, handing V8 the bytes this store kept from an earlier process; V8 then
 * deserialises the bytecode of every function that process had compiled instead of parsing and
 * compiling the source again.
 *
 * Where: `$IAMFLOW_COMPILE_CACHE` (a directory), else `$XDG_CACHE_HOME/iamflow/compile-cache`,
 * else `~/.cache/iamflow/compile-cache`, else `<tmpdir>/iamflow-compile-cache-<uid>`: never inside
 * the package (installs may be read-only). `IAMFLOW_DISABLE_COMPILE_CACHE=1` turns it off.
 * Entries live in a directory per `v8.cachedDataVersionTag()` and Node version (V8's own key: its
 * version, flags and CPU features) and are named by the SHA-256 of the chunk's source, so a
 * changed chunk never meets an old entry. A directory that is not ours alone (another owner, or
 * writable by group or others) is not used: cached bytecode is code.
 *
 * Nothing here may fail a run: every error reading, creating or writing is swallowed (the chunk
 * is then compiled from source, as without a cache). Writes go to a temporary file renamed into
 * place (concurrent writers each leave a whole entry; the last rename wins). The store is bounded:
 * after writing, the oldest entries (by modification time) go until the whole store is under
 * MAX_BYTES.
 */
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join } from 'node:path'

// node:crypto, node:os and node:v8 load when a chunk first meets the cache, not with the bin:
// `iamflow --version` compiles only small chunks and never does (node:crypto alone is a few ms).
const builtin = createRequire(import.meta.url)
let crypto: typeof import('node:crypto') | undefined
const sha256 = (bytes: Uint8Array): Buffer => (crypto ??= builtin('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(bytes).digest()

/** The store's size limit, all Node versions together (a run of assume-role.yaml writes about 3.3 MB). */
export const MAX_BYTES = 64 * 1024 * 1024
/** One entry's size limit (the largest chunk's cache is about 1 MB). */
export const MAX_ENTRY_BYTES = 16 * 1024 * 1024

export interface CodeCacheContext {
  env: NodeJS.ProcessEnv
  /** `process.version`. */
  nodeVersion: string
  /** `v8.cachedDataVersionTag()`: V8's version, flags and CPU features. */
  v8Tag: number
  /** `process.getuid()`, or undefined where there is none (Windows). */
  uid: number | undefined
  home: string
  tmp: string
}

/** The context of this process. */
export function processContext(): CodeCacheContext {
  const os = builtin('node:os') as typeof import('node:os')
  const v8 = builtin('node:v8') as typeof import('node:v8')
  let home = ''
  try {
    home = os.homedir()
  } catch {
    // No home directory (a user without one): the XDG or tmp directory is used.
  }
  return { env: process.env, nodeVersion: process.version, v8Tag: v8.cachedDataVersionTag(), uid: process.getuid?.(), home, tmp: os.tmpdir() }
}

/** The store's root, or undefined when the cache is turned off. */
export function cacheRoot(ctx: CodeCacheContext): string | undefined {
  const off = ctx.env.IAMFLOW_DISABLE_COMPILE_CACHE
  if (off !== undefined && off !== '' && off !== '0') return undefined
  const explicit = ctx.env.IAMFLOW_COMPILE_CACHE
  if (explicit && isAbsolute(explicit)) return explicit
  const xdg = ctx.env.XDG_CACHE_HOME
  if (xdg && isAbsolute(xdg)) return join(xdg, 'iamflow', 'compile-cache')
  if (ctx.home && isAbsolute(ctx.home)) return join(ctx.home, '.cache', 'iamflow', 'compile-cache')
  return join(ctx.tmp, `iamflow-compile-cache-${ctx.uid ?? 'user'}`)
}

/** The directory of this Node version's entries under `root`. */
export function keyDir(root: string, ctx: Pick<CodeCacheContext, 'nodeVersion' | 'v8Tag'>): string {
  return join(root, `node-${ctx.nodeVersion.replace(/[^0-9A-Za-z.]/g, '_')}-v8-${ctx.v8Tag >>> 0}`)
}

/**
 * The SHA-256 of what V8 compiles for a chunk, given in parts (the loader's wrapper and the
 * chunk's bytes): its entry's name (hex) and header field. The wrapper is part of it, since V8
 * would accept data made for another wrapper of the same length.
 */
export function sourceDigest(...parts: Uint8Array[]): Buffer {
  const hash = (crypto ??= builtin('node:crypto') as typeof import('node:crypto')).createHash('sha256')
  for (const p of parts) hash.update(p)
  return hash.digest()
}

/**
 * An entry's file: MAGIC, the SHA-256 of the chunk's source, the SHA-256 of V8's data, then V8's
 * data. V8 (Node 20) checks only the source's length, its version and flags, and the data's
 * length: flipped bytes in the data are accepted and can crash the process or run wrong code,
 * so the data's own digest is checked here before V8 sees it.
 */
export const MAGIC = Buffer.from('iamflowC', 'latin1')
const HEADER = MAGIC.length + 64

export function encodeEntry(source: Buffer, data: Uint8Array): Buffer {
  return Buffer.concat([MAGIC, source, sha256(data), data])
}

/** V8's data in `entry` if the entry is whole and made for the source whose digest is `source`. */
export function decodeEntry(entry: Buffer, source: Buffer): Buffer | undefined {
  if (entry.length <= HEADER || !entry.subarray(0, MAGIC.length).equals(MAGIC)) return undefined
  if (!entry.subarray(MAGIC.length, MAGIC.length + 32).equals(source)) return undefined
  const data = entry.subarray(HEADER)
  return sha256(data).equals(entry.subarray(MAGIC.length + 32, HEADER)) ? data : undefined
}

/** An entry's file name: its source's SHA-256, in hex. */
export function fileName(source: Buffer): string {
  return `${source.toString('hex')}.v8`
}

/** True if `dir` is a directory of ours that only we may write (or the platform has no uid). */
function private_(dir: string, uid: number | undefined): boolean {
  const st = lstatSync(dir)
  if (!st.isDirectory()) return false
  if (uid === undefined) return true
  return st.uid === uid && (st.mode & 0o022) === 0
}

export class CodeCache {
  /** Entries to write when the process ends, by source digest (hex). */
  private readonly pending = new Map<string, { source: Buffer; produce: () => Uint8Array }>()
  private usable: boolean | undefined

  constructor(
    readonly dir: string,
    private readonly root: string,
    private readonly uid: number | undefined,
  ) {}

  /** The store for this process, or undefined when turned off. */
  static open(ctx: CodeCacheContext): CodeCache | undefined {
    const root = cacheRoot(ctx)
    return root === undefined ? undefined : new CodeCache(keyDir(root, ctx), root, ctx.uid)
  }

  /**
   * The directory and the store's root exist and are private to us (checked once): in a shared
   * tmp directory, a root someone else made could have its entries swapped.
   */
  private readable(): boolean {
    if (this.usable === undefined) {
      try {
        this.usable = private_(this.dir, this.uid) && private_(this.root, this.uid)
      } catch {
        this.usable = false
      }
    }
    return this.usable
  }

  /**
   * V8's data for the source whose SHA-256 is `source`: `undefined` if there is no entry,
   * `'corrupt'` if there is one but it is not whole or not for this source.
   */
  read(source: Buffer): Buffer | 'corrupt' | undefined {
    if (!this.readable()) return undefined
    let fd: number | undefined
    let entry: Buffer
    try {
      fd = openSync(join(this.dir, fileName(source)), 'r')
      const st = fstatSync(fd)
      if (!st.isFile() || st.size > MAX_ENTRY_BYTES) return 'corrupt'
      entry = readFileSync(fd)
    } catch {
      return undefined
    } finally {
      if (fd !== undefined) closeSync(fd)
    }
    return decodeEntry(entry, source) ?? 'corrupt'
  }

  /** Write the entry of `source` (its SHA-256) when the process ends (`flush`), with V8's data `produce` returns then. */
  later(source: Buffer, produce: () => Uint8Array): void {
    if (this.pending.size < 1024) this.pending.set(source.toString('hex'), { source, produce })
  }

  /** How many entries wait for `flush`. */
  get waiting(): number {
    return this.pending.size
  }

  /** Write every pending entry (atomically), then trim the store. Never throws. */
  flush(): number {
    if (this.pending.size === 0) return 0
    let written = 0
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 })
      this.usable = undefined
      if (!this.readable()) return 0
      for (const { source, produce } of this.pending.values()) {
        const data = produce()
        if (data.length === 0 || data.length + HEADER > MAX_ENTRY_BYTES) continue
        const bytes = encodeEntry(source, data)
        const name = fileName(source)
        const tmp = join(this.dir, `${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`)
        try {
          const fd = openSync(tmp, 'wx', 0o600)
          try {
            let off = 0
            while (off < bytes.length) off += writeSync(fd, bytes, off)
          } finally {
            closeSync(fd)
          }
          renameSync(tmp, join(this.dir, name))
          written++
        } catch {
          rmSync(tmp, { force: true })
        }
      }
    } catch {
      // Unwritable or vanished: the next process compiles from source again.
    } finally {
      this.pending.clear()
    }
    if (written > 0) trim(this.root, MAX_BYTES)
    return written
  }
}

/**
 * Remove the oldest entries under `root` (every Node version's directory; leftover temporary
 * files too) until the rest holds at most `maxBytes`, and directories left empty. Never throws.
 */
export function trim(root: string, maxBytes: number): void {
  try {
    const files: { path: string; size: number; mtime: number }[] = []
    const dirs: string[] = []
    for (const d of readdirSync(root, { withFileTypes: true })) {
      if (!d.isDirectory() || !d.name.startsWith('node-')) continue
      const dir = join(root, d.name)
      dirs.push(dir)
      for (const f of readdirSync(dir).slice(0, 10_000)) {
        try {
          const st = statSync(join(dir, f))
          if (st.isFile()) files.push({ path: join(dir, f), size: st.size, mtime: st.mtimeMs })
        } catch {
          // Removed meanwhile by another process.
        }
      }
    }
    let total = files.reduce((s, f) => s + f.size, 0)
    if (total <= maxBytes) return
    files.sort((a, b) => a.mtime - b.mtime)
    for (const f of files) {
      if (total <= maxBytes) break
      try {
        unlinkSync(f.path)
      } catch {
        // Removed meanwhile.
      }
      total -= f.size
    }
    for (const dir of dirs) {
      try {
        rmdirSync(dir)
      } catch {
        // Not empty (or gone).
      }
    }
  } catch {
    // No root, or unreadable: nothing to trim.
  }
}
