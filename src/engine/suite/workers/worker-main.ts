/**
 * Entry point of a suite worker thread (started by ./pool.ts; runs from dist/ or any build of
 * src/). It loads, plans and runs the files the main thread hands it, each against a fresh
 * embedded emulator of its own, and posts back every event the runner emits (scrubbed at the
 * runner's emit boundary) and each run's scrubbed result.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { RunEvent, RunResult } from '../../events.js'
import type { PlannedFile } from '../../plan/plan-file.js'
import { newRunId } from '../../ledger/run-id.js'
import { loadedInfo } from '../suite-select.js'
import type { Scenario } from '../../../scenario/types.js'
import { type FromWorker, type ToWorker, type WorkerConfig, toWire } from './protocol.js'
import { targetForScenario } from '../../targets/scenario-target.js'

const port = parentPort
if (!port) throw new Error('internal error: worker-main.js runs as a worker thread only')
const config = workerData as WorkerConfig

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

// Messages leave in batches, once per turn of the event loop: a postMessage wakes the main
// thread, and hundreds of wake-ups per second cost more than the runs on a busy machine. A run
// that waits (propagation, network) lets its turn end, so reporters still see steps live.
let outbox: FromWorker[] = []

function post(message: FromWorker): void {
  if (outbox.length === 0) setImmediate(flush)
  outbox.push(message)
}

function flush(): void {
  const batch = outbox
  outbox = []
  try {
    port!.postMessage(batch)
  } catch (err) {
    // A value the structured clone cannot copy (a function somewhere in an event): send the
    // JSON form, which is what every reporter writes anyway.
    if (!(err instanceof Error && err.name === 'DataCloneError')) throw err
    port!.postMessage(JSON.parse(JSON.stringify(batch)) as FromWorker[])
  }
}

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

async function handle(m: Exclude<ToWorker, { type: 'abort' | 'close' }>): Promise<void> {
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

port.on('message', (m: ToWorker) => {
  // Ends this thread only (process.exit in a worker), after its exit handlers.
  if (m.type === 'close') process.exit(0)
  if (m.type === 'abort') {
    // Teardown first: a run whose steps stop now must already see it when it reaches teardown.
    if (m.teardown) stopTeardown.abort(new Error('teardown interrupted'))
    if (m.steps) stopSteps.abort(new Error('interrupted'))
    return
  }
  void handle(m)
})
