/**
 * Entry point of a suite worker thread (started by ./pool.ts; runs from dist/ or any build of
 * src/): a lane (./core.ts) whose events and replies are posted to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { type FromWorker, type ToWorker, type WorkerConfig } from './protocol.js'
import { laneCore } from './core.js'

const port = parentPort
if (!port) throw new Error('internal error: worker-main.js runs as a worker thread only')
const config = workerData as WorkerConfig

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

const core = laneCore(config, post)

port.on('message', (m: ToWorker) => {
  // Ends this thread only (process.exit in a worker), after its exit handlers.
  if (m.type === 'close') process.exit(0)
  if (m.type === 'abort') return core.abort(m)
  void core.handle(m)
})
