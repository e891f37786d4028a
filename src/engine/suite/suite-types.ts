import type { EventSink, RunEvent, RunResult, SuiteSummary } from '../events.js'
import type { Shard } from './scenario-files.js'
import type { TargetOptions } from '../targets/targets.js'
import type { StepChecker } from '../records/check.js'

/*
 * What a suite is asked and what its engines (this thread: suite-inline.ts, worker threads:
 * workers/suite-threads.ts) report back. Apart from suite.ts, which picks an engine, so the
 * engines never import the module that imports them.
 */

export interface SuiteOptions {
  /** Scenario files (directories already expanded). */
  files: string[]
  /** Raw `--var name=value` pairs. */
  vars?: string[]
  target: TargetOptions
  runsDir?: string
  keep?: boolean
  /** `--unique-names` (true) / `--no-unique-names` (false): run-scoped names; the scenario's `uniqueNames:` decides when absent (see plan/unique-names.ts). */
  uniqueNames?: boolean
  /** Stop at the first failed step; later scenarios are not started. */
  bail?: boolean
  /** Scenarios run at once (default 1). */
  parallel?: number
  shard?: Shard
  filter?: string
  /** `--exclude`: scenarios matching any of these (as `filter` matches) are not run. */
  exclude?: string[]
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
