import { close, closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import { syncDir } from './fs-sync.js'
import { journalHeader } from './journal.js'
import type { SyncPolicy } from './sync-policy.js'

interface Waiter {
  seq: number
  resolve(): void
  reject(err: Error): void
}

/**
 * One generation's file, open for appending. Records are counted as they are written; an
 * fsync covers every record written before it started, and releases their waiters (group
 * commit). `ready` is the durability of the file's creation (its header, its name in the
 * directory): no record in it counts as durable before that.
 */
class JournalFile {
  written = 0
  synced = 0
  syncing = false
  timer: ReturnType<typeof setTimeout> | undefined
  waiters: Waiter[] = []
  retired = false

  constructor(
    readonly fd: number,
    public size: number,
    readonly ready: Promise<void>,
    readonly policy: SyncPolicy,
  ) {}

  durable(): Promise<void> {
    if (this.policy.mode === 'none') return Promise.resolve()
    if (this.synced >= this.written) return this.ready
    const wait = new Promise<void>((resolve, reject) => this.waiters.push({ seq: this.written, resolve, reject }))
    this.schedule()
    return Promise.all([wait, this.ready]).then(() => undefined)
  }

  schedule(): void {
    if (this.syncing || this.timer) return
    if (this.policy.mode === 'batch' && !this.retired) {
      this.timer = setTimeout(() => {
        this.timer = undefined
        this.run()
      }, this.policy.windowMs)
      this.timer.unref?.()
    } else this.run()
  }

  run(): void {
    if (this.waiters.length === 0) return this.closeIfDone()
    this.syncing = true
    const target = this.written
    fdatasync(this.fd, (err) => {
      this.syncing = false
      if (err) this.settle(Infinity, err)
      else this.settle(target)
      if (this.waiters.length) this.schedule()
      else this.closeIfDone()
    })
  }

  settle(upTo: number, err?: Error): void {
    if (!err) this.synced = Math.max(this.synced, upTo)
    const left: Waiter[] = []
    for (const w of this.waiters) {
      if (w.seq > upTo) left.push(w)
      else if (err) w.reject(err)
      else w.resolve()
    }
    this.waiters = left
  }

  /** Stop appending here: pending waiters still get their fsync, then the file is closed. */
  retire(): Promise<void> {
    this.retired = true
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = undefined
    }
    const done = this.durable()
    this.closeIfDone()
    return done
  }

  closeIfDone(): void {
    if (this.retired && !this.syncing && this.waiters.length === 0 && !this.closed) {
      this.closed = true
      close(this.fd, () => undefined)
    }
  }

  closed = false
}

/**
 * Appends records to the current journal generation and makes them durable per the sync
 * policy. Appends are synchronous writes of one small line (microseconds, to the page cache);
 * fsyncs run on the thread pool, shared by every record written before they start (group
 * commit), so the event loop never waits for the disk, not even when switching generations.
 */
export class JournalWriter {
  #file: JournalFile | undefined
  /** Files of earlier generations whose last fsync is still running. */
  readonly #retiring = new Set<Promise<void>>()

  constructor(
    readonly path: (gen: number) => string,
    public gen: number,
    /** Bytes of intact records in the existing file (a torn tail beyond them is cut on open). */
    private validLength: number,
    /** The file's size when it was read (0 = did not exist): it must not have changed since. */
    private sizeWhenRead: number,
    readonly dir: string,
    readonly policy: SyncPolicy,
  ) {}

  /** Bytes in the current generation's file. */
  get size(): number {
    return this.#file?.size ?? this.validLength
  }

  /** Open the file for appending (creating it with its header, or cutting a torn tail). */
  #open(): JournalFile {
    if (this.#file) return this.#file
    const path = this.path(this.gen)
    const fd = openSync(path, 'a', 0o600)
    let file: JournalFile
    try {
      const size = fstatSync(fd).size
      if (size !== this.sizeWhenRead) {
        throw new Error(`${path} changed since it was read (${this.sizeWhenRead} -> ${size} bytes): is another process using this state?`)
      }
      if (size > this.validLength) ftruncateSync(fd, this.validLength)
      if (this.validLength === 0) {
        const header = journalHeader(this.gen)
        writeAll(fd, header)
        const ready = this.policy.mode === 'none' ? Promise.resolve() : Promise.all([datasync(fd), syncDir(this.dir)]).then(() => undefined)
        ready.catch(() => undefined) // observed by durable(); a failure there is the write's failure
        file = new JournalFile(fd, Buffer.byteLength(header), ready, this.policy)
      } else file = new JournalFile(fd, this.validLength, Promise.resolve(), this.policy)
    } catch (err) {
      closeSync(fd)
      throw err
    }
    this.#file = file
    return file
  }

  /**
   * Append one record line (with its newline). Throws when the write fails, after cutting the
   * file back to the last whole record.
   */
  append(line: string): void {
    const file = this.#open()
    const before = file.size
    try {
      writeAll(file.fd, line)
    } catch (err) {
      try {
        ftruncateSync(file.fd, before)
      } catch {
        // The next open compares sizes and refuses a journal it cannot account for.
        this.sizeWhenRead = -1
        this.#release()
      }
      throw err
    }
    file.size = before + Buffer.byteLength(line)
    file.written++
  }

  /** Resolves when every record appended so far (in any generation) is as durable as the policy makes it. */
  durable(): Promise<void> {
    const current = this.#file?.durable() ?? Promise.resolve()
    if (this.#retiring.size === 0) return current
    return Promise.all([current, ...this.#retiring]).then(() => undefined)
  }

  /** Make every appended record durable now, synchronously (changes made outside requests). */
  flushSync(): void {
    const file = this.#file
    if (this.policy.mode === 'none' || !file || file.synced >= file.written) return
    fdatasyncSync(file.fd)
    file.settle(file.written)
  }

  /**
   * Switch to a new generation (compaction). The new file is created with its header before
   * this returns (its fsync, and the last fsync of the old file, run on the thread pool).
   */
  rotate(gen: number): void {
    const old = this.#file
    this.#file = undefined
    const previous = { gen: this.gen, validLength: this.validLength, sizeWhenRead: this.sizeWhenRead }
    this.gen = gen
    this.validLength = 0
    this.sizeWhenRead = 0
    try {
      this.#open()
    } catch (err) {
      // Still appending to the old generation.
      this.#file = old
      this.gen = previous.gen
      this.validLength = previous.validLength
      this.sizeWhenRead = previous.sizeWhenRead
      throw err
    }
    if (old) this.#retire(old)
  }

  #retire(file: JournalFile): void {
    const done = file.retire()
    const tracked = done.then(
      () => undefined,
      () => undefined,
    )
    this.#retiring.add(done)
    void tracked.then(() => this.#retiring.delete(done))
  }

  /** Close the file (reopened by the next append). Pending fsync waiters are released first. */
  async close(): Promise<void> {
    await this.durable()
    this.#release()
  }

  #release(): void {
    const file = this.#file
    if (!file) return
    this.#file = undefined
    this.validLength = file.size
    this.sizeWhenRead = this.sizeWhenRead === -1 ? -1 : file.size
    this.#retire(file)
  }
}

function datasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())))
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8')
  let off = 0
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
}
