// Row 3's instrument for a before/after comparison in one run: `iamflow serve` from two
// checkouts (each with its built dist/) and the bare node:http server, the same replay load
// (bench/lib/replay-client.mjs, 2 processes x 8 sockets), warm-up rounds, then measured rounds
// in rotating order. Prints server CPU per request (median of the rounds) and the same-round
// ratios bare/serve and after/before.
//
//   node bench/serve-ab.mjs --before /work/main --after . [--rounds 7] [--count 2500] [--warm 2]
//     [--beforeLog] [--afterLog]   (that side without --quiet: one log line per request on stdout)
//     [--entry bin|unbundled]      (serve from the bin, dist/bundle/main.js, the default; or tsc's dist/cli/main.js)
//     [--beforeEntry E] [--afterEntry E]  (one side's entry, e.g. the bin against tsc's output of the same checkout)
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { cpuMsOf } from './lib/children.mjs'
import { captureResponse } from './lib/sdk-load.mjs'
import { replayRound, signedGetCallerIdentity } from './lib/replay-load.mjs'
import { startBareServer, startIamflowServe } from './lib/servers.mjs'
import { median, round } from './lib/stats.mjs'

const { values } = parseArgs({ options: { before: { type: 'string' }, after: { type: 'string', default: '.' }, rounds: { type: 'string', default: '7' }, count: { type: 'string', default: '2500' }, warm: { type: 'string', default: '2' }, serveArgs: { type: 'string', default: '' }, beforeLog: { type: 'boolean', default: false }, afterLog: { type: 'boolean', default: false }, entry: { type: 'string', default: 'bin' }, beforeEntry: { type: 'string' }, afterEntry: { type: 'string' } } })
if (!values.before) throw new Error('--before ROOT is required')
const ROOT = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const rounds = Number(values.rounds)
const count = Number(values.count)
const extra = values.serveArgs ? values.serveArgs.split(' ') : []

const before = await startIamflowServe(resolve(values.before), { args: extra, log: values.beforeLog, entry: values.beforeEntry ?? values.entry })
const after = await startIamflowServe(resolve(values.after), { args: extra, log: values.afterLog, entry: values.afterEntry ?? values.entry })
const { response } = await captureResponse(after.url, ROOT)
const bare = await startBareServer(response)
const sides = { before: { server: before }, after: { server: after }, bare: { server: bare } }
const names = Object.keys(sides)
try {
  for (const name of names) {
    const side = sides[name]
    side.request = await signedGetCallerIdentity(side.server.url, ROOT)
    side.cpu = []
    side.rps = []
    for (let w = 0; w < Number(values.warm); w++) await replayRound(side.server.url, side.request, { processes: 2, sockets: 8, count, maxMs: 20_000 })
  }
  for (let r = 0; r < rounds; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length])
    for (const name of order) {
      const side = sides[name]
      const cpu0 = cpuMsOf(side.server.pid)
      const res = await replayRound(side.server.url, side.request, { processes: 2, sockets: 8, count, maxMs: 20_000 })
      if (res.errors) throw new Error(`${name}: ${res.errors} failed requests, first: ${res.firstError}`)
      side.cpu.push((cpuMsOf(side.server.pid) - cpu0) / res.count)
      side.rps.push(res.rps)
    }
  }
} finally {
  await before.stop()
  await after.stop()
  await bare.stop()
}
const perRound = (f) => round(median(sides.bare.cpu.map((_, i) => f(i))), 3)
const out = {
  cpuMsPerRequest: Object.fromEntries(names.map((n) => [n, round(median(sides[n].cpu), 4)])),
  rps: Object.fromEntries(names.map((n) => [n, round(median(sides[n].rps), 0)])),
  capacityBefore: perRound((i) => sides.bare.cpu[i] / sides.before.cpu[i]),
  capacityAfter: perRound((i) => sides.bare.cpu[i] / sides.after.cpu[i]),
  afterCpuOverBefore: perRound((i) => sides.after.cpu[i] / sides.before.cpu[i]),
  rpsAfterOverBare: perRound((i) => sides.after.rps[i] / sides.bare.rps[i]),
  byRound: Object.fromEntries(names.map((n) => [n, sides[n].cpu.map((x) => round(x, 4))])),
}
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`)
