import { IamflowError, InputError } from '../../errors.js'
import { loadScenarioFile } from '../../scenario/load.js'
import type { Scenario } from '../../scenario/types.js'
import type { RunResult } from '../events.js'
import { planScenario, type PlannedFile } from '../plan/plan-file.js'
import { runPlan } from '../run/runner.js'
import { newRunId } from '../ledger/run-id.js'
import type { SuiteOptions, SuiteRun, SuiteRunHooks } from './suite-types.js'
import { type LoadOutcome, chooseScenarios, loadedInfo } from './suite-select.js'
import { type RunTarget, type TargetOptions, checkAccount, openTarget } from '../targets/targets.js'
import { targetForScenario } from '../targets/scenario-target.js'

/**
 * The suite in this thread: load and plan every file, then run them `parallel` at a time as
 * concurrent promises, each against a fresh embedded emulator or all sharing the one target
 * (`--state`, an endpoint, AWS). Concurrency here overlaps I/O (propagation waits, network),
 * not CPU: see ./workers for files that each get their own emulator.
 */
export async function runSuiteInline(files: string[], opts: SuiteOptions, hooks: SuiteRunHooks): Promise<SuiteRun> {
  const planned = await planAll(files, opts)
  const parallel = Math.max(1, Math.min(opts.parallel ?? 1, planned.length))
  hooks.start(planned.map((p) => p.plan.scenario.file), parallel)
  const shared = hooks.sharedTarget ? lazyTarget(opts.target) : undefined
  const results: RunResult[] = []
  let skipped = 0
  let stop = false
  let next = 0
  const lane = async () => {
    for (;;) {
      const i = next++
      if (i >= planned.length) return
      if (stop || opts.signal?.aborted) {
        skipped++
        continue
      }
      const { plan, vars } = planned[i]
      try {
        const target = shared ? await shared.get() : await openTarget(targetForScenario(opts.target, plan.scenario))
        try {
          checkAccount(target, plan.scenario, opts.target.account)
          let reported: RunResult | undefined
          const result = await runPlan({
            plan,
            vars,
            target,
            runsDir: opts.runsDir,
            keep: opts.keep,
            bail: opts.bail,
            signal: opts.signal,
            teardownSignal: opts.teardownSignal,
            compare: opts.compare?.(plan.scenario.file),
            emit: (e) => {
              if (e.type === 'run:end') reported = e.result
              hooks.event(e)
            },
          })
          // The scrubbed copy the reporters saw, not the runner's own object.
          results[i] = reported ?? result
          if (opts.bail && result.status !== 'passed') stop = true
        } finally {
          if (!shared) await target.close()
        }
      } catch (err) {
        stop = true // the suite fails: no lane starts another file
        throw err
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: parallel }, lane))
  } finally {
    await shared?.close()
  }
  return { results: results.filter((r): r is RunResult => r !== undefined), skipped }
}

async function planAll(files: string[], opts: SuiteOptions): Promise<PlannedFile[]> {
  const scenarios: Array<Scenario | undefined> = []
  const outcomes: LoadOutcome[] = []
  for (const file of files) {
    try {
      const scenario = await loadScenarioFile(file)
      scenarios.push(scenario)
      outcomes.push({ ok: true, info: loadedInfo(scenario) })
    } catch (err) {
      if (!(err instanceof IamflowError)) throw err
      scenarios.push(undefined)
      outcomes.push({ ok: false, error: err })
    }
  }
  const planned = chooseScenarios(outcomes, opts).map((c) => planScenario(scenarios[c.index]!, c.pairs, process.env, { uniqueNames: opts.uniqueNames, runId: newRunId() }))
  if (opts.target.target === 'aws') for (const p of planned) refuseEmulatorOnly(p.plan.scenario)
  return planned
}

/** `requires: emulator` on real AWS: refused before the target is opened (no call is made). */
function refuseEmulatorOnly(scenario: Scenario): void {
  if (scenario.requires !== 'emulator') return
  throw new InputError('emulator-only', `${scenario.file} requires the iamflow emulator (requires: emulator) and cannot run against real AWS`, {
    location: scenario.locate(['requires']),
    hint: 'run it on the embedded emulator (omit --target aws) or against iamflow serve (--endpoint-url)',
  })
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
