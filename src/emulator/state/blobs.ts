import { createHash } from 'node:crypto'
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, unlinkSync } from 'node:fs'
import { open, readdir, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { syncDir } from './fs-sync.js'
import type { StateLayout } from './layout.js'
import { reason, StateFileError } from './state-error.js'
import type { SyncPolicy } from './sync-policy.js'
import type { BodyRef } from './units.js'

const HASH_CHUNK = 2 << 20

/** An object body that could not be written (its path and the reason). */
export class BodyWriteError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`could not write the object body ${path}: ${reason}`)
  }
}
const SHA256 = /^[0-9a-f]{64}$/
const TMP_PREFIX = 'tmp-'

/**
 * S3 object bodies as files named by the sha256 of their bytes (`FILE.objects/<sha256>`), so
 * the state's size is bounded by the disk rather than by one JS string, identical bodies are
 * stored once, and a record names a body without holding it. A file is written (and fsynced
 * per the policy) under a temporary name and renamed: a body file is always whole.
 */
export class BlobStore {
  /** Bodies known to be on disk. */
  readonly #onDisk = new Set<string>()
  /** sha256 of each body seen (bodies are never changed in place: a new PUT is a new array). */
  readonly #hashes = new WeakMap<Uint8Array, string>()
  /** Bodies referenced by records since the last compaction started (kept by its GC). */
  readonly #recent = new Set<string>()
  readonly #writing = new Map<string, Promise<void>>()
  #dirReady = false
  #tmpCounter = 0

  constructor(
    readonly layout: StateLayout,
    readonly policy: SyncPolicy,
  ) {}

  /** List the body files present (at start): leftovers of interrupted writes are removed. */
  scan(): void {
    let names: string[]
    try {
      names = readdirSync(this.layout.objects)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
      throw new StateFileError('STATE_UNREADABLE', this.layout.objects, `cannot read ${this.layout.objects}: ${reason(err)}`)
    }
    this.#dirReady = true
    for (const name of names) {
      if (SHA256.test(name)) this.#onDisk.add(name)
      else if (name.startsWith(TMP_PREFIX)) {
        try {
          unlinkSync(join(this.layout.objects, name))
        } catch {
          // Left for the next start.
        }
      }
    }
  }

  /** Read a body at start (synchronously). `what` names the object for the error message. */
  read(ref: BodyRef, what: string): Uint8Array {
    const path = this.layout.blob(ref.sha256)
    let fd: number
    try {
      fd = openSync(path, 'r')
    } catch (err) {
      throw new StateFileError('STATE_CORRUPT', path, `${path}: the body of ${what} is missing (${reason(err)})`, 'the state is incomplete: restore the file, or delete the object from the state')
    }
    try {
      const size = fstatSync(fd).size
      if (size !== ref.size) throw new StateFileError('STATE_CORRUPT', path, `${path}: the body of ${what} has ${size} bytes, the state says ${ref.size}`)
      const body = Buffer.allocUnsafe(size)
      let off = 0
      while (off < size) {
        const n = readSync(fd, body, off, size - off, off)
        if (n === 0) break
        off += n
      }
      const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
      this.#hashes.set(bytes, ref.sha256)
      this.#onDisk.add(ref.sha256)
      return bytes
    } finally {
      closeSync(fd)
    }
  }

  /** Whether the body with this sha256 is on disk. */
  isOnDisk(sha256: string): boolean {
    return this.#onDisk.has(sha256)
  }

  /** The body's sha256 if already known (no hashing). */
  knownHash(body: Uint8Array): string | undefined {
    return this.#hashes.get(body)
  }

  /** The reference of a body already on disk (noted as in use), or undefined. */
  refIfStored(body: Uint8Array): BodyRef | undefined {
    const sha256 = this.#hashes.get(body)
    if (sha256 === undefined || !this.#onDisk.has(sha256)) return undefined
    this.#recent.add(sha256)
    return { sha256, size: body.length }
  }

  /** sha256 of a body, in chunks with a turn of the event loop between them. */
  async hash(body: Uint8Array): Promise<string> {
    const known = this.#hashes.get(body)
    if (known) return known
    const h = createHash('sha256')
    for (let off = 0; off < body.length; off += HASH_CHUNK) {
      h.update(body.subarray(off, off + HASH_CHUNK))
      if (off + HASH_CHUNK < body.length) await yieldToLoop()
    }
    const hex = h.digest('hex')
    this.#hashes.set(body, hex)
    return hex
  }

  /**
   * Make sure the body is on disk (durable per the policy) and return its reference. A body
   * the store already holds costs nothing but (once) its hash.
   */
  async ensure(body: Uint8Array): Promise<BodyRef> {
    const sha256 = await this.hash(body)
    this.#recent.add(sha256)
    if (!this.#onDisk.has(sha256)) {
      let pending = this.#writing.get(sha256)
      if (!pending) {
        pending = this.#write(sha256, body).finally(() => this.#writing.delete(sha256))
        this.#writing.set(sha256, pending)
      }
      await pending
    }
    return { sha256, size: body.length }
  }

  async #write(sha256: string, body: Uint8Array): Promise<void> {
    try {
      await this.#writeFile(sha256, body)
    } catch (err) {
      throw new BodyWriteError(this.layout.blob(sha256), reason(err))
    }
  }

  async #writeFile(sha256: string, body: Uint8Array): Promise<void> {
    if (!this.#dirReady) {
      mkdirSync(this.layout.objects, { recursive: true, mode: 0o700 })
      this.#dirReady = true
    }
    const tmp = join(this.layout.objects, `${TMP_PREFIX}${process.pid}-${++this.#tmpCounter}`)
    const handle = await open(tmp, 'w', 0o600)
    try {
      await handle.writeFile(body)
      if (this.policy.mode !== 'none') await handle.datasync()
    } catch (err) {
      await handle.close()
      await unlink(tmp).catch(() => undefined)
      throw err
    }
    await handle.close()
    await rename(tmp, this.layout.blob(sha256))
    if (this.policy.mode !== 'none') await syncDir(this.layout.objects)
    this.#onDisk.add(sha256)
  }

  /** Start of a compaction: from now on, bodies named by new records are remembered. */
  startEpoch(): void {
    this.#recent.clear()
  }

  /**
   * Remove body files no longer referenced: neither by the snapshot just committed
   * (`referenced`) nor by a record written since its compaction started. Unlinks are
   * synchronous (a writer checks `#onDisk` and must never see a file that is about to go),
   * in batches with a turn of the event loop between them.
   */
  async collect(referenced: Set<string>): Promise<number> {
    let names: string[]
    try {
      names = await readdir(this.layout.objects)
    } catch {
      return 0
    }
    let removed = 0
    for (const name of names) {
      if (!SHA256.test(name) || referenced.has(name) || this.#recent.has(name) || this.#writing.has(name)) continue
      this.#onDisk.delete(name)
      try {
        unlinkSync(this.layout.blob(name))
        removed++
      } catch {
        // Already gone.
      }
      if (removed % 256 === 0) await yieldToLoop()
    }
    return removed
  }
}
