import { type ErrorCode, IamflowError, InputError, type ExitCode, type InputErrorCode, type SourceLocation } from '../../../errors.js'
import type { RunEvent, RunResult } from '../../events.js'
import type { LoadedInfo } from '../suite-select.js'
import type { TargetOptions } from '../../targets/targets.js'

/**
 * Messages between the suite (main thread) and its worker threads. Everything here is plain
 * data: file paths, `--var` pairs, run options, and events and results the runner has already
 * scrubbed. No credential crosses the boundary: each worker opens its own emulator, whose root
 * keys never leave it.
 */

/** What a worker is started with (`workerData`). */
export interface WorkerConfig {
  target: TargetOptions
  runsDir?: string
  keep?: boolean
  bail?: boolean
  /** `--unique-names` / `--no-unique-names`. */
  uniqueNames?: boolean
  /** Ctrl-C arrived before the worker started. */
  stopped: boolean
  teardownStopped: boolean
}

/** Main thread -> worker. `id` pairs a request with its reply. */
export type ToWorker =
  | { type: 'load'; id: number; file: string }
  | { type: 'plan'; id: number; file: string; pairs: string[] }
  | { type: 'run'; id: number; file: string; pairs: string[] }
  /** Ctrl-C: what is stopped now (the first stops the steps, the second the teardown too). */
  | { type: 'abort'; steps: boolean; teardown: boolean }
  /**
   * The suite is done: the worker ends its thread with `process.exit`, which runs its exit
   * handlers (the bin's chunk loader writes its code cache entries then; `terminate()` would not).
   */
  | { type: 'close' }

/** Worker -> main thread. */
export type FromWorker =
  | { type: 'reply'; id: number; ok: true; info?: LoadedInfo; result?: RunResult }
  | { type: 'reply'; id: number; ok: false; error: WireError }
  | { type: 'event'; event: RunEvent }

/** An error as it crosses a thread: enough to print it exactly as if thrown here. */
export interface WireError {
  name: string
  message: string
  stack?: string
  iamflow?: {
    code: ErrorCode
    exitCode: ExitCode
    hint?: string
    location?: SourceLocation
    frame?: string
    /** A scenario's several problems (`ScenarioInvalidError.errors`). */
    errors?: WireError[]
  }
}

/** Flatten an error for `postMessage`. */
export function toWire(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) }
  const wire: WireError = { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) }
  if (err instanceof IamflowError) {
    const errors = (err as { errors?: unknown }).errors
    wire.iamflow = {
      code: err.code,
      exitCode: err.exitCode,
      ...(err.hint !== undefined ? { hint: err.hint } : {}),
      ...(err.location ? { location: { ...err.location } } : {}),
      ...(err.frame !== undefined ? { frame: err.frame } : {}),
      ...(Array.isArray(errors) ? { errors: errors.map(toWire) } : {}),
    }
  }
  return wire
}

/**
 * The error again, on this side: an `IamflowError` (an `InputError` for exit 2) with the same
 * code, message, location, frame, hint, nested problems, name and stack; anything else an Error.
 */
export function fromWire(wire: WireError): Error {
  const i = wire.iamflow
  let err: Error
  if (i) {
    const opts = { exitCode: i.exitCode, hint: i.hint, location: i.location, frame: i.frame }
    err = i.exitCode === 2 ? new InputError(i.code as InputErrorCode, wire.message, opts) : new IamflowError(i.code, wire.message, opts)
    if (i.errors) Object.defineProperty(err, 'errors', { value: i.errors.map(fromWire), enumerable: true })
  } else {
    err = new Error(wire.message)
  }
  Object.defineProperty(err, 'name', { value: wire.name, configurable: true, writable: true })
  if (wire.stack) err.stack = wire.stack
  return err
}
