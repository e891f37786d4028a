/**
 * Durable state for `--state FILE`: a write-ahead journal plus periodic snapshots.
 *
 * - Every state-changing request ends with `commit()`: the units it touched (tracking.ts) are
 *   compared with what was last written; the changed ones go into one journal record, appended
 *   (and fsynced, per the sync policy) before the request is answered. New object bodies are
 *   written as content-addressed files first. So a SIGKILL never loses an answered write.
 * - When the journal outgrows the last snapshot, a compaction switches to a new journal
 *   generation and streams a new snapshot in slices of a few ms, then deletes the old
 *   journals and unreferenced bodies. `save()` does the same, on demand (shutdown).
 * - A failed write is loud: `onError` says what failed, every write is answered with an error
 *   while the state is not being saved (the change may exist in memory only), and recovery is
 *   retried by compacting (a snapshot of memory restores a consistent journal).
 */
import { unlinkSync } from 'node:fs'
import { rename, unlink } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { BlobStore, BodyWriteError } from './blobs.js'
import { syncDir } from './fs-sync.js'
import { captureRecord, Signatures } from './capture.js'
import { JournalWriter } from './journal-writer.js'
import { journalGenerations, staleSnapshotTmps, stateLayout, type StateLayout } from './layout.js'
import { loadState, type LoadedState } from './load.js'
import type { EmulatorState } from './model.js'
import { writeSnapshot } from './snapshot.js'
import { reason, StateSaveError } from './state-error.js'
import { DEFAULT_SYNC, formatSyncPolicy, type SyncPolicy } from './sync-policy.js'
import { Touches, watchState, withTouches } from './tracking.js'
import type { UnitKind } from './units.js'

export interface StateStoreOptions {
  path: string
  sync?: SyncPolicy
  /** Compact once the journal is this large, or as large as the last snapshot if that is larger (16 MiB). */
  compactAfterBytes?: number
  /** Things the operator should know (a torn journal record cut at start). */
  onWarning?: (message: string) => void
  /** Failed writes and recoveries. */
  onError?: (message: string) => void
}

/** What a save (compaction) wrote. */
export interface SaveSummary {
  path: string
  counts: Record<UnitKind, number>
  /** Snapshot size. */
  bytes: number
  /** Object bodies referenced, and their total size (files under FILE.objects). */
  bodies: number
  bodyBytes: number
  ms: number
  /** Writes answered with an error while the state could not be written, saved by this snapshot. */
  recovered: number
}

/** What was found on disk at start. */
export type LoadSummary = Omit<LoadedState, 'state' | 'journalValidLength' | 'journalSize'> & { path: string; sync: string }

interface PendingRecord {
  /** The failure epoch it was captured in (see #fail). */
  epoch: number
  line: string | Promise<string>
}

const SLOW_RETRY_MS = 30_000

/** A record not appended because an earlier one failed (the failure is already reported). */
class Refused extends Error {}

export class StateStore {
  readonly layout: StateLayout
  readonly policy: SyncPolicy
  readonly loaded: LoadSummary
  #state: EmulatorState | undefined
  readonly #blobs: BlobStore
  readonly #journal: JournalWriter
  readonly #sigs = new Signatures()
  /** Appends run one after another, in capture order. */
  #chain: Promise<void> = Promise.resolve()
  #compacting: Promise<SaveSummary> | undefined
  #lastSnapshotBytes: number
  readonly #compactAfter: number
  /** Bumped by every failure and every journal switch; records of an epoch at or before a failure are not appended. */
  #epoch = 0
  #failure: { message: string; since: number; epoch: number; failedWrites: number; lastReport: number } | undefined
  #lastCompactReport = 0
  /** A compaction for size is about to start. */
  #compactSoon = false
  #retry: { timer: ReturnType<typeof setTimeout> | undefined; delayMs: number } = { timer: undefined, delayMs: 500 }
  readonly #onWarning: (m: string) => void
  readonly #onError: (m: string) => void

  private constructor(opts: StateStoreOptions, loaded: LoadedState, blobs: BlobStore, layout: StateLayout) {
    this.layout = layout
    this.policy = opts.sync ?? DEFAULT_SYNC
    this.#blobs = blobs
    this.#state = loaded.state
    this.#journal = new JournalWriter(layout.journal, loaded.journalGen, loaded.journalValidLength, loaded.journalSize, layout.dir, this.policy)
    this.#lastSnapshotBytes = loaded.snapshotBytes
    this.#compactAfter = opts.compactAfterBytes ?? 16 << 20
    const stderr = (m: string) => void process.stderr.write(`iamflow emulator: ${m}\n`)
    this.#onWarning = opts.onWarning ?? stderr
    this.#onError = opts.onError ?? stderr
    const { state: _s, journalValidLength: _v, journalSize: _z, ...summary } = loaded
    this.loaded = { ...summary, path: layout.snapshot, sync: formatSyncPolicy(this.policy) }
  }

  /** Open `opts.path`: load what is there (StateFileError when it cannot be used). */
  static open(opts: StateStoreOptions): { store: StateStore; state: EmulatorState | undefined } {
    const layout = stateLayout(opts.path)
    const blobs = new BlobStore(layout, opts.sync ?? DEFAULT_SYNC)
    const loaded = loadState(layout, blobs)
    const store = new StateStore(opts, loaded, blobs, layout)
    for (const w of loaded.warnings) store.#onWarning(w)
    return { store, state: loaded.state }
  }

  /** Start tracking `state` (the loaded one, or a new one). */
  attach(state: EmulatorState): void {
    this.#state = state
    watchState(state, this)
    this.#sigs.markAll(state)
  }

  /** A request's touch collector. */
  touches(): Touches {
    return new Touches(this)
  }

  /** Run `fn` collecting the units it touches into `touches`. */
  track<T>(touches: Touches, fn: () => T): T {
    return withTouches(touches, fn)
  }

  /** A change made outside a request (accounts at start, createAccount): written and fsynced before returning. */
  changeSync<T>(fn: () => T): T {
    const touches = this.touches()
    const result = withTouches(touches, fn)
    if (this.#failure) throw this.#refusal()
    const record = this.#capture(touches)
    if (record) {
      if (typeof record.line !== 'string') throw new Error('object bodies cannot be saved synchronously')
      try {
        this.#journal.append(record.line)
        this.#journal.flushSync()
      } catch (err) {
        throw new StateSaveError(this.layout.snapshot, `could not write ${this.layout.journal(this.#journal.gen)}: ${reason(err)}`, true)
      }
    }
    return result
  }

  /**
   * Make a request's changes durable: resolves once its record is written (and fsynced per
   * the policy); rejects with StateSaveError when it is not (the request must not be answered
   * as a success then).
   */
  async commit(touches: Touches): Promise<void> {
    const failure = this.#failure
    if (failure && this.#epoch === failure.epoch) {
      // Not even journaling: the recovery snapshot will hold this change.
      failure.failedWrites++
      throw this.#refusal()
    }
    const record = this.#capture(touches)
    try {
      await (record ? this.#enqueue(record) : this.#chain)
      await this.#journal.durable()
    } catch (err) {
      if (err instanceof BodyWriteError) this.#fail(err.reason, `write the object body ${err.path}`)
      else if (!(err instanceof Refused)) this.#fail(err, `write the journal ${this.layout.journal(this.#journal.gen)}`)
    }
    if (this.#failure) {
      this.#failure.failedWrites++
      throw this.#refusal()
    }
  }

  /** Resolves when every change captured so far is durable (reads wait for it: nothing seen is lost). */
  async settled(): Promise<void> {
    await this.#chain
    await this.#journal.durable().catch(() => undefined)
  }

  /** Compact now (flushing everything), then release the journal file. Rejects with StateSaveError. */
  async save(): Promise<SaveSummary> {
    await this.#chain
    try {
      return await this.#compact()
    } catch (err) {
      const atRisk = this.#failure !== undefined
      const where = atRisk
        ? `changes made since ${new Date(this.#failure!.since).toISOString()} are in memory only and are lost when the emulator stops`
        : `every acknowledged change is in ${this.layout.journal(this.#journal.gen)}, which the next start replays`
      throw new StateSaveError(this.layout.snapshot, `could not write the snapshot ${this.layout.snapshot}: ${reason(err)}; ${where}`, atRisk)
    } finally {
      await this.#journal.close().catch(() => undefined)
    }
  }

  /** Whether writes are currently failing, and why. */
  get failure(): string | undefined {
    return this.#failure?.message
  }

  #refusal(): StateSaveError {
    return new StateSaveError(this.layout.snapshot, `the state could not be saved to ${this.layout.snapshot} (${this.#failure!.message})`, true)
  }

  #capture(touches: Touches): PendingRecord | undefined {
    if (!this.#state) return undefined
    const line = captureRecord(this.#state, touches, this.#sigs, this.#blobs)
    return line === undefined ? undefined : { epoch: this.#epoch, line }
  }

  /** Append after every record captured before it. */
  #enqueue(record: PendingRecord): Promise<void> {
    const step = this.#chain.then(async () => {
      const line = await record.line
      if (this.#failure && record.epoch <= this.#failure.epoch) throw new Refused(this.#failure.message)
      this.#journal.append(line)
      if (!this.#compacting && !this.#compactSoon && this.#journal.size > Math.max(this.#compactAfter, this.#lastSnapshotBytes)) {
        this.#compactSoon = true
        setImmediate(() => {
          this.#compactSoon = false
          void this.#compact().catch((err: unknown) => this.#compactFailed(err))
        })
      }
    })
    this.#chain = step.catch(() => undefined)
    return step
  }

  /** A compaction for size failed: nothing is lost (the journal has it all), retried by the next append. */
  #compactFailed(err: unknown): void {
    const now = Date.now()
    if (now - this.#lastCompactReport < SLOW_RETRY_MS) return
    this.#lastCompactReport = now
    this.#onError(`could not compact the state ${this.layout.snapshot}: ${reason(err)} (nothing is lost: the journal keeps every change and grows; retried with the next writes)`)
  }

  /**
   * Enter (or stay in) the failed state: no record is appended after a failed one (the journal
   * would have a gap), writes are answered with an error, and a compaction is retried until a
   * snapshot of memory makes the state on disk whole again.
   */
  #fail(err: unknown, what: string): void {
    const message = `could not ${what}: ${reason(err)}`
    const now = Date.now()
    this.#epoch++
    if (!this.#failure) {
      this.#failure = { message, since: now, epoch: this.#epoch, failedWrites: 0, lastReport: now }
      this.#onError(`${message}. Writes are answered with an error (ServiceFailure / InternalError) until the state can be saved again; retrying.`)
    } else {
      this.#failure.epoch = this.#epoch
      this.#failure.message = message
      if (now - this.#failure.lastReport > SLOW_RETRY_MS) {
        this.#failure.lastReport = now
        this.#onError(`still failing: ${message} (${this.#failure.failedWrites} writes refused so far)`)
      }
    }
    this.#scheduleRecovery()
  }

  #scheduleRecovery(): void {
    if (this.#retry.timer) return
    this.#retry.timer = setTimeout(() => {
      this.#retry.timer = undefined
      this.#compact().then(
        () => {
          this.#retry.delayMs = 500
        },
        (err: unknown) => {
          this.#retry.delayMs = Math.min(this.#retry.delayMs * 2, SLOW_RETRY_MS)
          if (this.#failure) this.#fail(err, `save the state ${this.layout.snapshot}`)
        },
      )
    }, this.#retry.delayMs)
    this.#retry.timer.unref?.()
  }

  /** One compaction at a time; a request for one while another runs starts a fresh one after it. */
  async #compact(): Promise<SaveSummary> {
    while (this.#compacting) await this.#compacting.catch(() => undefined)
    const run = this.#compactOnce()
    this.#compacting = run
    try {
      return await run
    } finally {
      if (this.#compacting === run) this.#compacting = undefined
    }
  }

  async #compactOnce(): Promise<SaveSummary> {
    const state = this.#state
    if (!state) throw new Error('internal error: no state attached')
    const started = performance.now()
    const sync = this.policy.mode !== 'none'
    const gen = this.#journal.gen + 1
    this.#blobs.startEpoch()
    // From here on, records go to the new journal (replayed on top of this snapshot).
    this.#journal.rotate(gen)
    const rotatedAt = ++this.#epoch
    const tmp = this.layout.snapshotTmp()
    let written
    try {
      written = await writeSnapshot(state, tmp, gen, this.#blobs, sync)
      await rename(tmp, this.layout.snapshot)
      if (sync) await syncDir(this.layout.dir)
    } catch (err) {
      await unlink(tmp).catch(() => undefined)
      throw err
    }
    this.#lastSnapshotBytes = written.bytes
    for (const old of journalGenerations(this.layout.snapshot)) {
      if (old >= gen) continue
      try {
        unlinkSync(this.layout.journal(old))
      } catch {
        // Ignored at the next start (older than the snapshot).
      }
    }
    await this.#blobs.collect(written.bodies)
    for (const stale of staleSnapshotTmps(this.layout.snapshot)) await unlink(stale).catch(() => undefined)
    let recovered = 0
    if (this.#failure && this.#failure.epoch < rotatedAt) {
      recovered = this.#failure.failedWrites
      this.#onError(`the state is saved again to ${this.layout.snapshot} (${recovered} writes answered with an error meanwhile are in it)`)
      this.#failure = undefined
      this.#retry.delayMs = 500
    }
    return {
      path: this.layout.snapshot,
      counts: written.counts,
      bytes: written.bytes,
      bodies: written.bodies.size,
      bodyBytes: written.bodyBytes,
      ms: performance.now() - started,
      recovered,
    }
  }
}
