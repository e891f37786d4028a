// 4. Signed GetCallerIdentity from boto3 (threads, one client each) to `iamflow serve` and to
// moto (`python3 -m moto.server`), same call count, interleaved rounds in the same run.
import { cpuMsOf, runToEnd } from '../lib/children.mjs'
import { startIamflowServe, startMoto } from '../lib/servers.mjs'
import { median, round } from '../lib/stats.mjs'

const TARGET_RATIO = 3
const THREADS = 8

async function boto3Load(ctx, server, count) {
  const r = await runToEnd('python3', [ctx.path('bench/py/boto3_load.py'), server.url, String(count), String(THREADS), '30'], { timeoutMs: 90_000 })
  if (r.code !== 0) throw new Error(`boto3_load.py against ${server.url} exited ${r.code}: ${r.stderr.slice(-600)}`)
  const out = JSON.parse(r.stdout.trim().split('\n').pop())
  if (out.errors) throw new Error(`boto3 against ${server.url}: ${out.errors} failed calls`)
  return out
}

export async function run(ctx) {
  const count = ctx.pick({ full: 2000, quick: 600, smoke: 40 })
  const rounds = ctx.pick({ full: 3, quick: 2, smoke: 1 })
  const moto = await startMoto(ctx.python)
  if (moto.skip) {
    return { figures: {}, checks: [ctx.check({ name: 'boto3 throughput iamflow serve / moto', unit: 'x', op: '>=', target: TARGET_RATIO, skip: moto.skip })], notes: [] }
  }
  const serve = await startIamflowServe(ctx.root)
  const sides = { iamflow: { server: serve, runs: [], cpu: [] }, moto: { server: moto, runs: [], cpu: [] } }
  try {
    for (const s of Object.values(sides)) await boto3Load(ctx, s.server, ctx.pick({ full: 100, smoke: 16 })) // warm both servers
    for (let r = 0; r < rounds; r++) {
      for (const name of r % 2 ? ['moto', 'iamflow'] : ['iamflow', 'moto']) {
        const side = sides[name]
        const cpu0 = cpuMsOf(side.server.pid)
        const out = await boto3Load(ctx, side.server, count)
        side.cpu.push((cpuMsOf(side.server.pid) - cpu0) / out.count)
        side.runs.push(out)
      }
    }
  } finally {
    await serve.stop()
    await moto.stop()
  }
  const agg = (s) => ({
    rps: round(median(s.runs.map((x) => x.rps)), 1),
    p50Ms: round(median(s.runs.map((x) => x.p50Ms)), 2),
    p99Ms: round(median(s.runs.map((x) => x.p99Ms)), 2),
    serverCpuMsPerCall: round(median(s.cpu), 3),
    clientCpuMsPerCall: round(median(s.runs.map((x) => x.clientCpuMsPerCall)), 3),
  })
  const ours = agg(sides.iamflow)
  const base = agg(sides.moto)
  return {
    figures: { iamflow: ours, moto: base, callsPerRound: count, threads: THREADS, rounds },
    checks: [
      ctx.check({ name: `boto3 throughput iamflow serve / moto (${THREADS} threads)`, value: round(ours.rps / base.rps, 2), unit: 'x', op: '>=', target: TARGET_RATIO, baseline: `moto ${base.rps} req/s, p50 ${base.p50Ms} ms, p99 ${base.p99Ms} ms` }),
    ],
    notes: [
      `iamflow serve with boto3: ${ours.rps} req/s, p50 ${ours.p50Ms} ms, p99 ${ours.p99Ms} ms`,
      `server CPU per call: iamflow ${ours.serverCpuMsPerCall} ms, moto ${base.serverCpuMsPerCall} ms (${round(base.serverCpuMsPerCall / ours.serverCpuMsPerCall, 1)}x less for iamflow); boto3 itself uses ${ours.clientCpuMsPerCall} ms CPU/call in one Python process (GIL) on the same 2 cores`,
      `client-bound ceiling: with a server that cost nothing, boto3 here could make at most ~${round(1000 / ours.clientCpuMsPerCall, 0)} calls/s, ${round(1000 / ours.clientCpuMsPerCall / base.rps, 1)}x moto's rate`,
    ],
  }
}
