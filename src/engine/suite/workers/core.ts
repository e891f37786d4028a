/**
 * What a suite lane does with the files it is handed (issue 19, --parallel): load, plan and run
 * them, each against a fresh embedded emulator of its own, posting every event the runner emits
 * (scrubbed at the runner's emit boundary) and each request's reply. A worker thread runs one
 * (./worker-main.ts, replies posted to the main thread); the main thread runs one too
 * (./pool.ts `LocalLane`), so a suite on N cores starts N - 1 threads and the main thread's
 * files start while they load.
 */
import type { RunEvent, RunResult } from '../../events.js'
import type { PlannedFile } from '../../plan/plan-file.js'
import { newRunId } from '../../ledger/run-id.js'
import { loadedInfo } from '../suite-select.js'
import type { Scenario } from '../../../scenario/types.js'
import { type FromWorker, type ToWorker, type WorkerConfig, toWire } from './protocol.js'
import { targetForScenario } from '../../targets/scenario-target.js'

/** A request a lane answers. */
export type LaneRequest = Exclude<ToWorker, { type: 'abort' | 'close' }>

export interface LaneCore {
  /** Answer `m` (its reply is posted, never thrown). */
  handle(m: LaneRequest): Promise<void>
  /** Ctrl-C: stop the steps, then the teardown too. */
  abort(m: Extract<ToWorker, { type: 'abort' }>): void
}

/** A lane's core: `post` receives its events and replies, in order. */
export function laneCore(config: WorkerConfig, post: (m: FromWorker) => void): LaneCore {
  const stopSteps = new AbortController()
  const stopTeardown = new AbortController()
  if (config.stopped) stopSteps.abort(new Error('interrupted'))
  if (config.teardownStopped) stopTeardown.abort(new Error('teardown interrupted'))

  // Loading first: the main thread waits on it before anything runs. The runner's modules (SDK
  // clients, the emulator) load after it, while the first files are read and checked.
  const loading = import('../../../scenario/load.js')
  const running = loading.then(() => Promise.all([import('../../plan/plan-file.js'), import('../../run/runner.js'), import('../../targets/targets.js')]))

  const scenarios = new Map<string, Scenario>()
  const plans = new Map<string, PlannedFile>()

  async function scenario(file: string): Promise<Scenario> {
    let s = scenarios.get(file)
    if (!s) {
      s = await (await loading).loadScenarioFile(file)
      scenarios.set(file, s)
    }
    return s
  }

  async function planned(file: string, pairs: string[]): Promise<PlannedFile> {
    const key = `${file}\n${pairs.join('\n')}`
    let p = plans.get(key)
    if (!p) {
      const [{ planScenario }] = await running
      // A plan is made for one run (run-scoped names derive from its run id): run() takes it out.
      p = planScenario(await scenario(file), pairs, process.env, { uniqueNames: config.uniqueNames, runId: newRunId() })
      plans.set(key, p)
    }
    return p
  }

  async function run(file: string, pairs: string[]): Promise<RunResult> {
    const { plan, vars } = await planned(file, pairs)
    plans.delete(`${file}\n${pairs.join('\n')}`)
    const [, { runPlan }, { openTarget, checkAccount }] = await running
    const target = await openTarget(targetForScenario(config.target, plan.scenario))
    try {
      checkAccount(target, plan.scenario, config.target.account)
      let reported: RunResult | undefined
      await runPlan({
        plan,
        vars,
        target,
        runsDir: config.runsDir,
        keep: config.keep,
        bail: config.bail,
        signal: stopSteps.signal,
        teardownSignal: stopTeardown.signal,
        emit: (event: RunEvent) => {
          if (event.type === 'run:end') reported = event.result
          post({ type: 'event', event })
        },
      })
      // Only the scrubbed copy the reporters saw leaves the thread, never the runner's own object.
      if (!reported) throw new Error(`internal error: the run of ${file} ended without its run:end event`)
      return reported
    } finally {
      await target.close()
    }
  }

  async function handle(m: LaneRequest): Promise<void> {
    try {
      switch (m.type) {
        case 'load': {
          return post({ type: 'reply', id: m.id, ok: true, info: loadedInfo(await scenario(m.file)) })
        }
        case 'plan':
          await planned(m.file, m.pairs)
          return post({ type: 'reply', id: m.id, ok: true })
        case 'run':
          return post({ type: 'reply', id: m.id, ok: true, result: await run(m.file, m.pairs) })
        default: {
          const unreachable: never = m
          void unreachable
        }
      }
    } catch (err) {
      post({ type: 'reply', id: m.id, ok: false, error: toWire(err) })
    }
  }

  return {
    handle,
    abort(m) {
      // Teardown first: a run whose steps stop now must already see it when it reaches teardown.
      if (m.teardown) stopTeardown.abort(new Error('teardown interrupted'))
      if (m.steps) stopSteps.abort(new Error('interrupted'))
    },
  }
}
