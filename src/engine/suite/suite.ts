import { availableParallelism } from 'node:os'
import { ExitCode } from '../../errors.js'
import type { EventSink, RunResult, SuiteSummary } from '../events.js'
import { type Shard, shardFiles } from './scenario-files.js'
import type { TargetOptions } from '../targets/targets.js'
import type { SuiteOptions, SuiteResult, SuiteRunHooks } from './suite-types.js'

export { SuiteInvalidError } from './suite-select.js'
export type { SuiteOptions, SuiteResult, SuiteRun, SuiteRunHooks } from './suite-types.js'

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
