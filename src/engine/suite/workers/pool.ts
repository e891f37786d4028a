import { Worker } from 'node:worker_threads'
import { InfrastructureError } from '../../../errors.js'
import type { RunEvent, RunResult } from '../../events.js'
import type { LoadedInfo } from '../suite-select.js'
import { type FromWorker, type ToWorker, type WorkerConfig, fromWire } from './protocol.js'
import { type LaneCore, type LaneRequest, laneCore } from './core.js'

/** How long a worker asked to close may take (writing its code cache) before it is terminated. */
export const CLOSE_GRACE_MS = 2_000

/** A request to a worker, before it gets its id. */
export type Request = ToWorker extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never

/** What a worker answered to a request that succeeded. */
export interface Reply {
  info?: LoadedInfo
  result?: RunResult
}

/** A worker thread died or broke its protocol: not a problem of the file it was working on. */
export class WorkerFailure extends InfrastructureError {
  constructor(detail: string, cause?: unknown) {
    super('worker-failed', `a suite worker thread failed: ${detail}`, {
      hint: 'run again with --parallel 1 to run every file in the main thread, and report it if it persists',
      cause,
    })
  }
}

/** Where the suite sends a file's load, plan and run: a worker thread, or the main thread. */
export interface SuiteLane {
  readonly inFlight: number
  request(message: Request): Promise<Reply>
  send(message: Extract<ToWorker, { type: 'abort' }>): void
  close(): Promise<void>
}

/** The requests in flight to a lane, answered by the replies it posts. */
class Replies {
  private readonly pending = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>()
  private nextId = 1

  get size(): number {
    return this.pending.size
  }

  /** A new request's id and the promise of its reply. */
  open(): { id: number; reply: Promise<Reply> } {
    const id = this.nextId++
    return { id, reply: new Promise<Reply>((resolve, reject) => this.pending.set(id, { resolve, reject })) }
  }

  /** Settle request `m.id`; false if there is no such request. */
  settle(m: Extract<FromWorker, { type: 'reply' }>): boolean {
    const waiter = this.pending.get(m.id)
    if (!waiter) return false
    this.pending.delete(m.id)
    if (m.ok) waiter.resolve({ info: m.info, result: m.result })
    else waiter.reject(fromWire(m.error))
    return true
  }

  rejectAll(err: Error): void {
    for (const w of this.pending.values()) w.reject(err)
    this.pending.clear()
  }
}

/**
 * The main thread's lane: the same core as a worker's (./core.ts), called in process. Its
 * events reach the suite directly; replies go through the same wire form of errors as a
 * worker's, so both lanes answer alike.
 */
export class LocalLane implements SuiteLane {
  private readonly replies = new Replies()
  private readonly core: LaneCore

  constructor(config: WorkerConfig, onEvent: (e: RunEvent) => void) {
    this.core = laneCore(config, (m) => {
      if (m.type === 'event') onEvent(m.event)
      else if (!this.replies.settle(m)) throw new Error(`internal error: a reply to unknown request ${m.id}`)
    })
  }

  get inFlight(): number {
    return this.replies.size
  }

  request(message: Request): Promise<Reply> {
    const { id, reply } = this.replies.open()
    void this.core.handle({ ...message, id } as LaneRequest)
    return reply
  }

  send(message: Extract<ToWorker, { type: 'abort' }>): void {
    this.core.abort(message)
  }

  async close(): Promise<void> {}
}

/**
 * One worker thread and the requests in flight to it. Replies come back in the order the
 * worker finishes them; events arrive before the reply of the run that emitted them (one port,
 * in order; the worker posts them in batches, `FromWorker[]`).
 */
export class Lane implements SuiteLane {
  private readonly worker: Worker
  private readonly replies = new Replies()
  private failure: WorkerFailure | undefined
  private closing = false
  private readonly exited: Promise<void>

  /** `graceMs`: how long `close()` lets the worker end itself before terminating it. */
  constructor(
    entry: URL,
    config: WorkerConfig,
    onEvent: (e: RunEvent) => void,
    private readonly graceMs = CLOSE_GRACE_MS,
  ) {
    this.worker = new Worker(entry, { workerData: config })
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()))
    this.worker.on('message', (batch: FromWorker[]) => {
      for (const m of batch) {
        if (m.type === 'event') {
          onEvent(m.event)
          continue
        }
        if (!this.replies.settle(m)) return this.fail(new WorkerFailure(`a reply to unknown request ${m.id}`))
      }
    })
    this.worker.on('error', (err) => this.fail(new WorkerFailure(err.message, err)))
    this.worker.on('messageerror', (err) => this.fail(new WorkerFailure(`a message could not be read: ${err.message}`, err)))
    this.worker.on('exit', (code) => {
      if (!this.closing) this.fail(new WorkerFailure(`it exited with code ${code}`))
    })
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.replies.size
  }

  /** Send a request; resolves with the reply, rejects with the worker's error (or a `WorkerFailure`). */
  request(message: Request): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure)
    const { id, reply } = this.replies.open()
    this.worker.postMessage({ ...message, id } as ToWorker)
    return reply
  }

  /** Fire and forget (abort). */
  send(message: Extract<ToWorker, { type: 'abort' }>): void {
    if (!this.failure && !this.closing) this.worker.postMessage(message)
  }

  /**
   * Stop the thread (its work is done, or the suite is giving up). A healthy worker is asked to
   * end itself (its exit handlers run: the bin's code cache is written there) and terminated if
   * it has not within `graceMs`; a failed one is terminated.
   */
  async close(): Promise<void> {
    if (this.closing) return this.exited
    this.closing = true
    if (this.failure) {
      await this.worker.terminate()
      return
    }
    this.worker.postMessage({ type: 'close' } satisfies ToWorker)
    const timer = setTimeout(() => void this.worker.terminate(), this.graceMs)
    try {
      await this.exited
    } finally {
      clearTimeout(timer)
    }
  }

  private fail(failure: WorkerFailure): void {
    if (this.failure || this.closing) return
    this.failure = failure
    this.replies.rejectAll(failure)
    void this.worker.terminate()
  }
}
