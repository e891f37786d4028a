import { ExitCode, InputError, IamflowError } from '../errors.js'
import { loadScenarioFile } from '../scenario/load.js'
import type { Scenario } from '../scenario/types.js'
import { parseVarOverrides } from '../scenario/vars.js'
import type { EventSink, RunResult, SuiteSummary } from './events.js'
import { buildPlan } from './plan.js'
import type { Plan } from './plan-types.js'
import { runPlan } from './runner.js'
import { type Shard, matchesFilter, shardFiles } from './scenario-files.js'
import { type RunTarget, type TargetOptions, checkAccount, openTarget } from './targets.js'

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
}

export interface SuiteResult {
  results: RunResult[]
  summary: SuiteSummary
}

/**
 * Run several scenario files in one process: load and plan all first (an invalid file stops
 * everything with exit 2 before any call), then run them, `parallel` at a time, each against a
 * fresh embedded emulator, or sharing the one target (`--state`, an endpoint, AWS).
 */
export async function runSuite(opts: SuiteOptions): Promise<SuiteResult> {
  const started = performance.now()
  const emit: EventSink = opts.emit ?? (() => {})
  const files = opts.shard ? shardFiles(opts.files, opts.shard) : opts.files
  const planned = await planAll(files, opts)
  const parallel = Math.max(1, Math.min(opts.parallel ?? 1, planned.length || 1))
  emit({ type: 'suite:start', files: planned.map((p) => p.plan.scenario.file), parallel })
  const shared = sharesTarget(opts.target) ? lazyTarget(opts.target) : undefined
  const results: RunResult[] = []
  let skipped = 0
  let stop = false
  let next = 0
  const worker = async () => {
    for (;;) {
      const i = next++
      if (i >= planned.length) return
      if (stop || opts.signal?.aborted) {
        skipped++
        continue
      }
      const { plan, vars } = planned[i]
      const target = shared ? await shared.get() : await openTarget(opts.target)
      try {
        checkAccount(target, plan.scenario, opts.target.account)
        const result = await runPlan({
          plan,
          vars,
          target,
          runsDir: opts.runsDir,
          keep: opts.keep,
          bail: opts.bail,
          signal: opts.signal,
          teardownSignal: opts.teardownSignal,
          emit: (e) => {
            if (e.type === 'run:start') opts.onRunId?.(e.runId, false)
            if (e.type === 'run:end') opts.onRunId?.(e.runId, true)
            emit(e)
          },
        })
        results[i] = result
        if (opts.bail && result.status !== 'passed') stop = true
      } finally {
        if (!shared) await target.close()
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: parallel }, worker))
  } finally {
    await shared?.close()
  }
  const done = results.filter((r): r is RunResult => r !== undefined)
  const summary = summarize(done, skipped, Math.round(performance.now() - started), opts.signal?.aborted === true)
  emit({ type: 'suite:end', summary, results: done })
  return { results: done, summary }
}

interface PlannedFile {
  plan: Plan
  vars: Record<string, unknown>
}

async function planAll(files: string[], opts: SuiteOptions): Promise<PlannedFile[]> {
  const problems: IamflowError[] = []
  const scenarios: Scenario[] = []
  for (const file of files) {
    try {
      scenarios.push(await loadScenarioFile(file))
    } catch (err) {
      if (err instanceof IamflowError) problems.push(err)
      else throw err
    }
  }
  if (problems.length > 0) throw problems.length === 1 ? problems[0] : new SuiteInvalidError(problems)
  const chosen = opts.filter ? scenarios.filter((s) => matchesFilter(opts.filter as string, s)) : scenarios
  if (chosen.length === 0) {
    throw new InputError('nothing-to-run', opts.filter ? `no scenario matches --filter ${opts.filter}` : 'no scenario to run', { hint: 'check the paths, --filter and --shard' })
  }
  const pairs = opts.vars ?? []
  const names = pairs.map((p) => p.slice(0, Math.max(0, p.indexOf('='))))
  if (chosen.length > 1) {
    for (const name of names) {
      if (name && !chosen.some((s) => Object.prototype.hasOwnProperty.call(s.vars, name))) {
        throw new InputError('unknown-var', `--var ${name}: none of the scenarios has a var named ${name}`, { hint: 'check the spelling against the vars: of the scenarios' })
      }
    }
  }
  return chosen.map((scenario) => {
    // With several scenarios, an override applies to those that declare the var.
    const mine = chosen.length > 1 ? pairs.filter((_, i) => Object.prototype.hasOwnProperty.call(scenario.vars, names[i])) : pairs
    const vars = parseVarOverrides(scenario.vars, mine)
    return { plan: buildPlan(scenario, { vars }), vars }
  })
}

/** Several invalid files: every one is reported, exit 2. */
export class SuiteInvalidError extends InputError {
  constructor(readonly problems: IamflowError[]) {
    super('invalid-scenarios', `${problems.length} scenario files are invalid`)
  }
}

/** Targets whose state outlives one run are opened once and shared. */
function sharesTarget(t: TargetOptions): boolean {
  return t.target === 'aws' || Boolean(t.endpointUrl) || Boolean(process.env.AWS_ENDPOINT_URL) || t.statePath !== undefined
}

function lazyTarget(options: TargetOptions): { get(): Promise<RunTarget>; close(): Promise<void> } {
  let opening: Promise<RunTarget> | undefined
  return {
    get: () => (opening ??= openTarget(options)),
    close: async () => {
      if (opening) await (await opening.catch(() => undefined))?.close()
    },
  }
}

/** Counts and the exit code: 130 interrupted > 3 infrastructure/leftovers > 1 failed > 0. */
export function summarize(results: RunResult[], skipped: number, durationMs: number, interrupted: boolean): SuiteSummary {
  const count = (status: RunResult['status']) => results.filter((r) => r.status === status).length
  const codes = results.map((r) => r.exitCode)
  const exitCode = interrupted || codes.includes(ExitCode.interrupted)
    ? ExitCode.interrupted
    : codes.includes(ExitCode.infrastructure)
      ? ExitCode.infrastructure
      : codes.includes(ExitCode.expectationFailed)
        ? ExitCode.expectationFailed
        : ExitCode.ok
  return { runs: results.length, passed: count('passed'), failed: count('failed'), errored: count('errored'), interrupted: count('interrupted'), skipped, durationMs, exitCode }
}
