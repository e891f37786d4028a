import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { RunResult } from '../../events.js'
import type { SuiteOptions, SuiteRun, SuiteRunHooks } from '../suite-types.js'
import { type Chosen, type LoadOutcome, chooseScenarios } from '../suite-select.js'
import { Lane, LocalLane, type SuiteLane, WorkerFailure } from './pool.js'
import type { WorkerConfig } from './protocol.js'

/** The worker's entry, compiled beside this file (dist/, or a test build of src/). */
const ENTRY = new URL('./worker-main.js', import.meta.url)

/**
 * Whether worker threads can start: their entry is JavaScript next to this module. Running
 * from the TypeScript sources (in-process tests), it is not, and runs stay in the main thread.
 */
export function threadsAvailable(): boolean {
  return existsSync(fileURLToPath(ENTRY))
}

/**
 * The suite on `size` lanes, for files that each get a fresh embedded emulator: the main thread
 * and `size - 1` worker threads (a worker costs a thread, Node's bootstrap and the bin's chunks
 * again, and a JIT of its own to warm: on 2 cores, two workers barely beat one thread; the main
 * thread starts its files while the worker loads).
 * Same phases and meaning as in one thread: every file is loaded (spread over the workers),
 * then what runs is chosen and planned (an invalid file or `--var` stops everything before any
 * call), then files run `parallel` at a time in all, shared out over the workers, each file
 * preferably on the worker that already loaded and planned it. `--bail` and Ctrl-C stop
 * new files from starting; Ctrl-C is forwarded so each worker's runs stop their steps (first)
 * or their teardown (second). Events reach `hooks` as the workers post them. V8's flags are
 * left as the process started (library code never changes process-wide settings).
 */
export async function runSuiteOnThreads(files: string[], opts: SuiteOptions, hooks: SuiteRunHooks, size: number): Promise<SuiteRun> {
  const config: WorkerConfig = {
    target: opts.target,
    runsDir: opts.runsDir,
    keep: opts.keep,
    bail: opts.bail,
    ...(opts.uniqueNames !== undefined ? { uniqueNames: opts.uniqueNames } : {}),
    stopped: opts.signal?.aborted === true,
    teardownStopped: opts.teardownSignal?.aborted === true,
  }
  const lanes: SuiteLane[] = []
  // One message with both signals' state, sent once the aborting code has run: when both stop
  // at once, a worker must not tear down in between (its teardown may finish in one turn).
  let forwarding = false
  const forward = () => {
    if (forwarding) return
    forwarding = true
    queueMicrotask(() => {
      forwarding = false
      for (const l of lanes) l.send({ type: 'abort', steps: opts.signal?.aborted === true, teardown: opts.teardownSignal?.aborted === true })
    })
  }
  opts.signal?.addEventListener('abort', forward, { once: true })
  opts.teardownSignal?.addEventListener('abort', forward, { once: true })
  try {
    lanes.push(new LocalLane(config, (e) => hooks.event(e)))
    for (let i = 1; i < size; i++) lanes.push(new Lane(ENTRY, config, (e) => hooks.event(e)))
    const { outcomes, owners } = await loadAll(files, lanes)
    const chosen = chooseScenarios(outcomes, opts)
    await planAll(chosen, files, owners)
    const parallel = Math.max(1, Math.min(opts.parallel ?? 1, chosen.length))
    hooks.start(chosen.map((c) => (outcomes[c.index] as { info: { file: string } }).info.file), parallel)
    return await runAll(chosen, files, owners, lanes, parallel, opts)
  } finally {
    opts.signal?.removeEventListener('abort', forward)
    opts.teardownSignal?.removeEventListener('abort', forward)
    await Promise.all(lanes.map((l) => l.close()))
  }
}

/** Load requests queued per worker: it never waits for the main thread between two files. */
const LOAD_AHEAD = 4

/** Every file loaded by whichever worker is free (a few requests queued per worker). */
async function loadAll(files: string[], lanes: SuiteLane[]): Promise<{ outcomes: LoadOutcome[]; owners: SuiteLane[] }> {
  const outcomes: LoadOutcome[] = []
  const owners: SuiteLane[] = []
  let next = 0
  const pull = async (lane: SuiteLane) => {
    while (next < files.length) {
      const i = next++
      owners[i] = lane
      try {
        const reply = await lane.request({ type: 'load', file: files[i] })
        outcomes[i] = { ok: true, info: reply.info! }
      } catch (err) {
        if (err instanceof WorkerFailure) {
          next = files.length
          throw err
        }
        outcomes[i] = { ok: false, error: err }
      }
    }
  }
  await settleAll(lanes.flatMap((lane) => Array.from({ length: LOAD_AHEAD }, () => pull(lane))))
  return { outcomes, owners }
}

/** Each chosen file planned where it was loaded; the first error in file order is thrown. */
async function planAll(chosen: Chosen[], files: string[], owners: SuiteLane[]): Promise<void> {
  const settled = await Promise.allSettled(chosen.map((c) => owners[c.index].request({ type: 'plan', file: files[c.index], pairs: c.pairs })))
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failed) throw failed.reason
}

async function runAll(chosen: Chosen[], files: string[], owners: SuiteLane[], lanes: SuiteLane[], parallel: number, opts: SuiteOptions): Promise<SuiteRun> {
  // Each worker's own files, in order; an idle worker takes from the end of the longest queue.
  const queues = new Map<SuiteLane, number[]>(lanes.map((l) => [l, []]))
  chosen.forEach((c, pos) => queues.get(owners[c.index])!.push(pos))
  const take = (lane: SuiteLane): number | undefined => {
    const own = queues.get(lane)!
    if (own.length > 0) return own.shift()
    const longest = [...queues.values()].reduce((a, b) => (b.length > a.length ? b : a))
    return longest.pop()
  }
  const results: Array<RunResult | undefined> = []
  let skipped = 0
  let stop = false
  let failure: unknown
  const slot = async (lane: SuiteLane) => {
    for (;;) {
      const pos = take(lane)
      if (pos === undefined) return
      if (stop || opts.signal?.aborted) {
        skipped++
        continue
      }
      const { index, pairs } = chosen[pos]
      try {
        const { result } = await lane.request({ type: 'run', file: files[index], pairs })
        results[pos] = result
        if (opts.bail && result!.status !== 'passed') stop = true
      } catch (err) {
        stop = true // the suite fails: no worker starts another file
        failure ??= err
      }
    }
  }
  // `parallel` files at once in all, shared out over the workers.
  const slots = lanes.flatMap((lane, k) => Array.from({ length: Math.floor(parallel / lanes.length) + (k < parallel % lanes.length ? 1 : 0) }, () => lane))
  await Promise.all(slots.map(slot))
  if (failure !== undefined) throw failure
  return { results: results.filter((r): r is RunResult => r !== undefined), skipped }
}

/** Wait for every promise; then throw the first rejection, if any. */
async function settleAll(promises: Array<Promise<unknown>>): Promise<void> {
  const settled = await Promise.allSettled(promises)
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failed) throw failed.reason
}
