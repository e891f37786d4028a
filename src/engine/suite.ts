import { availableParallelism } from 'node:os'
import { ExitCode } from '../errors.js'
import type { EventSink, RunEvent, RunResult, SuiteSummary } from './events.js'
import { type Shard, shardFiles } from './scenario-files.js'
import type { TargetOptions } from './targets.js'
import type { StepChecker } from './records/check.js'

export { SuiteInvalidError } from './suite-select.js'

export interface SuiteOptions {
  /** Scenario files (directories already expanded). */
  files: string[]
  /** Raw `--var name=value` pairs. */
  vars?: string[]
  target: TargetOptions
  runsDir?: string
  keep?: boolean
  /** Stop at the first failed step; later scenarios are not started. */
  bail?: boolean
  /** Scenarios run at once (default 1). */
  parallel?: number
  shard?: Shard
  filter?: string
  signal?: AbortSignal
  teardownSignal?: AbortSignal
  emit?: EventSink
  /** Called with each run's id as it starts (the CLI prints cleanup hints on a second Ctrl-C). */
  onRunId?(runId: string, done: boolean): void
  /**
   * Worker threads for files that each get a fresh embedded emulator (default: when
   * `parallel` > 1, several files and several cores). `false` keeps every run in this thread.
   */
  threads?: boolean
  /** `run --compare`: the checker of each scenario file's run (runs stay in this thread). */
  compare?: (file: string) => StepChecker
}

export interface SuiteResult {
  results: RunResult[]
  summary: SuiteSummary
  /** Worker threads the files ran on (0: all in this thread). */
  threads: number
}

/** What a suite engine (this thread, or worker threads) reports back. */
export interface SuiteRun {
  /** Runs that started, in file order. */
  results: RunResult[]
  /** Files not started (`--bail`, Ctrl-C). */
  skipped: number
}

/** How an engine talks to the suite around it. */
export interface SuiteRunHooks {
  /** Every file is loaded and planned: emits `suite:start`. */
  start(files: string[], parallel: number): void
  /** A run's event (already scrubbed by its runner). */
  event(e: RunEvent): void
  /** All runs share one target (`--state`, an endpoint, AWS). */
  sharedTarget: boolean
}

/**
 * Run several scenario files in one process: load and plan all first (an invalid file stops
 * everything with exit 2 before any call), then run them, `parallel` at a time, each against a
 * fresh embedded emulator, or sharing the one target (`--state`, an endpoint, AWS).
 * Fresh emulators share nothing, so with `parallel` > 1 their files run on worker threads (one
 * per core at most) and use every core; a shared target keeps every run in this thread.
 */
export async function runSuite(opts: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now()
  const emit: EventSink = opts.emit ?? (() => {})
  const files = opts.shard ? shardFiles(opts.files, opts.shard) : opts.files
  const sharedTarget = sharesTarget(opts.target)
  const hooks: SuiteRunHooks = {
    start: (list, parallel) => emit({ type: 'suite:start', files: list, parallel }),
    event: (e) => {
      if (e.type === 'run:start') opts.onRunId?.(e.runId, false)
      if (e.type === 'run:end') opts.onRunId?.(e.runId, true)
      emit(e)
    },
    sharedTarget,
  }
  const threads = sharedTarget || opts.threads === false ? 0 : threadCount(files.length, opts)
  const threaded = threads > 1 ? await import('./workers/suite-threads.js') : undefined
  const onThreads = threaded?.threadsAvailable() === true
  const run = onThreads
    ? await threaded!.runSuiteOnThreads(files, opts, hooks, threads)
    : await (await import('./suite-inline.js')).runSuiteInline(files, opts, hooks)
  const summary = summarize(run.results, run.skipped, Math.round(performance.now() - started), opts.signal?.aborted === true)
  emit({ type: 'suite:end', summary, results: run.results })
  return { results: run.results, summary, threads: onThreads ? threads : 0 }
}

/**
 * Worker threads worth starting: one per file run at once, at most one per core. Options the
 * threads cannot receive (test hooks such as an emulator clock: functions) keep runs here.
 */
function threadCount(files: number, opts: SuiteOptions): number {
  if (opts.target.emulator !== undefined || opts.compare !== undefined) return 0
  return Math.min(opts.parallel ?? 1, files, availableParallelism())
}

/** Targets whose state outlives one run are opened once and shared. */
function sharesTarget(t: TargetOptions): boolean {
  return t.target === 'aws' || Boolean(t.endpointUrl) || Boolean(process.env.AWS_ENDPOINT_URL) || t.statePath !== undefined
}

/** Counts and the exit code: 130 interrupted > 3 infrastructure/leftovers > 2 invalid input > 1 failed > 0. */
export function summarize(results: RunResult[], skipped: number, durationMs: number, interrupted: boolean): SuiteSummary {
  const count = (status: RunResult['status']) => results.filter((r) => r.status === status).length
  const codes = results.map((r) => r.exitCode)
  const exitCode = interrupted || codes.includes(ExitCode.interrupted)
    ? ExitCode.interrupted
    : codes.includes(ExitCode.infrastructure)
      ? ExitCode.infrastructure
      : codes.includes(ExitCode.invalidInput)
        ? ExitCode.invalidInput
        : codes.includes(ExitCode.expectationFailed)
          ? ExitCode.expectationFailed
          : ExitCode.ok
  return { runs: results.length, passed: count('passed'), failed: count('failed'), errored: count('errored'), interrupted: count('interrupted'), skipped, durationMs, exitCode }
}
