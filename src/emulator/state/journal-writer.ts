import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import { syncDirSync } from './fs-sync.js'
import { journalHeader } from './journal.js'
import type { SyncPolicy } from './sync-policy.js'

interface Waiter {
  seq: number
  resolve(): void
  reject(err: Error): void
}

/**
 * Appends records to the current journal generation and makes them durable per the sync
 * policy. Appends are synchronous writes of one small line (microseconds, in the page cache);
 * fsyncs run on the thread pool, shared by every record written before they start (group
 * commit), so the event loop never waits for the disk.
 */
export class JournalWriter {
  #fd: number | undefined
  #size: number
  /** Records appended / known durable (sequence numbers). */
  #written = 0
  #synced = 0
  #syncing = false
  #timer: ReturnType<typeof setTimeout> | undefined
  #waiters: Waiter[] = []
  /** A descriptor replaced by rotate() while an fsync on it was running: closed when it ends. */
  #closeAfterSync: number | undefined

  constructor(
    readonly path: (gen: number) => string,
    public gen: number,
    /** Bytes of intact records in the existing file (a torn tail beyond them is cut on open). */
    private validLength: number,
    /** The file's size when it was read (0 = did not exist): it must not have changed since. */
    private sizeWhenRead: number,
    readonly dir: string,
    readonly policy: SyncPolicy,
  ) {
    this.#size = validLength
  }

  /** Bytes in the current generation's file. */
  get size(): number {
    return this.#size
  }

  /** Open the file for appending (creating it with its header, or cutting a torn tail). */
  #open(): number {
    if (this.#fd !== undefined) return this.#fd
    const path = this.path(this.gen)
    const fd = openSync(path, 'a', 0o600)
    try {
      const size = fstatSync(fd).size
      if (size !== this.sizeWhenRead) {
        throw new Error(`${path} changed since it was read (${this.sizeWhenRead} -> ${size} bytes): is another process using this state?`)
      }
      if (size > this.validLength) ftruncateSync(fd, this.validLength)
      if (this.validLength === 0) {
        const header = journalHeader(this.gen)
        writeAll(fd, header)
        this.#size = Buffer.byteLength(header)
        if (this.policy.mode !== 'none') {
          fdatasyncSync(fd)
          syncDirSync(this.dir)
        }
      }
    } catch (err) {
      closeSync(fd)
      throw err
    }
    this.#fd = fd
    return fd
  }

  /**
   * Append one record line (with its newline). Throws when the write fails, after cutting the
   * file back to the last whole record.
   */
  append(line: string): void {
    const fd = this.#open()
    const before = this.#size
    try {
      writeAll(fd, line)
    } catch (err) {
      try {
        ftruncateSync(fd, before)
      } catch {
        // The next open compares sizes and refuses a journal it cannot account for.
        this.sizeWhenRead = -1
        this.#release()
      }
      throw err
    }
    this.#size = before + Buffer.byteLength(line)
    this.#written++
  }

  /** Resolves when every record appended so far is as durable as the policy makes it. */
  durable(): Promise<void> {
    if (this.policy.mode === 'none' || this.#synced >= this.#written) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.#waiters.push({ seq: this.#written, resolve, reject })
      this.#schedule()
    })
  }

  #schedule(): void {
    if (this.#syncing || this.#timer) return
    if (this.policy.mode === 'batch') {
      this.#timer = setTimeout(() => {
        this.#timer = undefined
        this.#runSync()
      }, this.policy.windowMs)
      this.#timer.unref?.()
    } else this.#runSync()
  }

  #runSync(): void {
    const fd = this.#fd
    if (fd === undefined || this.#waiters.length === 0) return
    this.#syncing = true
    const target = this.#written
    fdatasync(fd, (err) => {
      this.#syncing = false
      if (this.#closeAfterSync === fd) {
        this.#closeAfterSync = undefined
        closeSync(fd)
      }
      if (err) this.#settle(Infinity, err)
      else this.#settle(target)
      if (this.#waiters.length) this.#schedule()
    })
  }

  #settle(upTo: number, err?: Error): void {
    if (!err) this.#synced = Math.max(this.#synced, upTo)
    const left: Waiter[] = []
    for (const w of this.#waiters) {
      if (w.seq > upTo) left.push(w)
      else if (err) w.reject(err)
      else w.resolve()
    }
    this.#waiters = left
  }

  /** Make every appended record durable now, synchronously (changes made outside requests). */
  flushSync(): void {
    if (this.policy.mode === 'none' || this.#fd === undefined || this.#synced >= this.#written) return
    fdatasyncSync(this.#fd)
    this.#settle(this.#written)
  }

  /**
   * Switch to a new generation (compaction): the old file is made durable (synchronously, a
   * few ms once per compaction), every waiter on it released, and the new file created with
   * its header before this returns.
   */
  rotate(gen: number): void {
    const old = this.#fd
    if (old !== undefined && this.policy.mode !== 'none' && this.#synced < this.#written) {
      fdatasyncSync(old)
      this.#settle(this.#written)
    }
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    this.#fd = undefined
    this.gen = gen
    this.validLength = 0
    this.sizeWhenRead = 0
    this.#size = 0
    if (old !== undefined) {
      if (this.#syncing) this.#closeAfterSync = old
      else closeSync(old)
    }
    this.#open()
  }

  /** Close the file (reopened by the next append). Pending fsync waiters are released first. */
  async close(): Promise<void> {
    await this.durable()
    this.#release()
  }

  #release(): void {
    const fd = this.#fd
    if (fd === undefined) return
    this.#fd = undefined
    this.validLength = this.#size
    this.sizeWhenRead = this.sizeWhenRead === -1 ? -1 : this.#size
    if (this.#syncing) this.#closeAfterSync = fd
    else closeSync(fd)
  }
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8')
  let off = 0
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
}
