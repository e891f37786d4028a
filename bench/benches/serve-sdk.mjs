// 3. Signed GetCallerIdentity to `iamflow serve` over loopback with the SDK v3 and 16
// keep-alive sockets, against a bare node:http server (own process, like serve) returning
// the very bytes serve returned, with the same client, interleaved rounds in the same run.
import { join } from 'node:path'
import { readdirSync, readFileSync } from 'node:fs'
import { cpuMsOf } from '../lib/children.mjs'
import { summarise } from '../lib/profile-summary.mjs'
import { captureResponse, sdkLoad, stsClient } from '../lib/sdk-load.mjs'
import { startBareServer, startIamflowServe } from '../lib/servers.mjs'
import { median, round } from '../lib/stats.mjs'

const TARGET_RATIO = 0.5
const ROOT = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }

async function measure(server, warm) {
  const { client, agent, destroy } = stsClient(server.url, ROOT, 16)
  await sdkLoad(client, { count: warm, maxMs: 10_000 }) // warm: sockets open, JIT on both sides
  return { client, agent, destroy, results: [], cpuMs: [] }
}

export async function run(ctx) {
  const count = ctx.pick({ full: 4000, quick: 1500, smoke: 64 })
  const rounds = ctx.pick({ full: 3, quick: 2, smoke: 1 })
  const serve = await startIamflowServe(ctx.root)
  const { response, arn } = await captureResponse(serve.url, ROOT)
  if (response.status !== 200) throw new Error(`iamflow serve answered GetCallerIdentity with ${response.status}`)
  const bare = await startBareServer(response)
  const warm = ctx.pick({ full: 400, smoke: 32 })
  const sides = { iamflow: await measure(serve, warm), bare: await measure(bare, warm) }
  const pids = { iamflow: serve.pid, bare: bare.pid }
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? ['bare', 'iamflow'] : ['iamflow', 'bare']) {
      const side = sides[name]
      const cpu0 = cpuMsOf(pids[name])
      const res = await sdkLoad(side.client, { count, maxMs: 20_000 })
      side.cpuMs.push((cpuMsOf(pids[name]) - cpu0) / res.count)
      side.results.push(res)
      if (res.errors) throw new Error(`${name}: ${res.errors} failed calls, first: ${res.firstError}`)
    }
  }
  const sockets = Object.values(sides.iamflow.agent.freeSockets).reduce((a, l) => a + l.length, 0)
  for (const s of Object.values(sides)) s.destroy()
  await bare.stop()
  await serve.stop()
  // What the server's profile shows: a separate pass with serve under --cpu-prof.
  const profDir = ctx.tmp()
  const profServe = await startIamflowServe(ctx.root, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] })
  const p = stsClient(profServe.url, ROOT, 16)
  await sdkLoad(p.client, { count: ctx.pick({ full: 2000, quick: 1000, smoke: 32 }), maxMs: 15_000 })
  p.destroy()
  await profServe.stop()
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))
  const profile = file ? summarise(JSON.parse(readFileSync(join(profDir, file), 'utf8')), 8, { startAt: 'emulator/server.js' }) : undefined

  const agg = (side) => ({
    rps: round(median(side.results.map((x) => x.rps)), 1),
    p50Ms: round(median(side.results.map((x) => x.p50Ms)), 3),
    p99Ms: round(median(side.results.map((x) => x.p99Ms)), 3),
    serverCpuMsPerCall: round(median(side.cpuMs), 3),
    clientCpuMsPerCall: round(median(side.results.map((x) => x.clientCpuMsPerCall)), 3),
    rounds: side.results,
  })
  const ours = agg(sides.iamflow)
  const base = agg(sides.bare)
  const ratio = ours.rps / base.rps
  return {
    figures: { iamflow: ours, bareNodeHttp: base, callsPerRound: count, callerArn: arn, keepAliveSocketsOpen: sockets },
    checks: [
      ctx.check({ name: 'throughput ratio iamflow serve / bare node:http', value: round(ratio, 2), unit: 'x', op: '>=', target: TARGET_RATIO, baseline: `bare ${base.rps} req/s, p50 ${base.p50Ms} ms, p99 ${base.p99Ms} ms` }),
    ],
    notes: [
      `iamflow serve: ${ours.rps} req/s, p50 ${ours.p50Ms} ms, p99 ${ours.p99Ms} ms`,
      `server CPU per call: iamflow ${ours.serverCpuMsPerCall} ms, bare ${base.serverCpuMsPerCall} ms (capacity ratio if the server were the bottleneck: ${round(base.serverCpuMsPerCall / ours.serverCpuMsPerCall, 2)}); the SDK client uses ${ours.clientCpuMsPerCall} ms CPU/call, so on 2 cores the client bounds both servers`,
    ],
    profile,
  }
}
