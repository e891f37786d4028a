// 9. State durability (issue 12, defect 7): what the write-ahead journal costs and what
// compaction does to the event loop.
//
// A. Acknowledged-write latency: SDK v3 CreateUser to `iamflow serve` over loopback, one call at
//    a time and 16 in flight, with --state --state-sync always / batch / none, against the
//    baseline of serve without --state, in interleaved rounds of the same run. A
//    GetCallerIdentity read is timed the same way (the cost of tracking on reads).
// B. Compaction of a state with 100k users (in-process emulator): save() time, the longest
//    event-loop block during it (perf_hooks.monitorEventLoopDelay) against an idle baseline,
//    the slowest of the GetUser calls served meanwhile, and the reload time.
// C. 512 MiB of S3 object bodies: save() succeeds (bodies are files, the snapshot holds
//    metadata), against the version-1 single-string serializer on the same state, which
//    throws RangeError: Invalid string length.
import http from 'node:http'
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import v8 from 'node:v8'
import vm from 'node:vm'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { queryClient } from '../lib/query-client.mjs'
import { startIamflowServe } from '../lib/servers.mjs'
import { median, quantile, round } from '../lib/stats.mjs'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const ROOT = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
/** "Saves never block the event loop for more than a few ms." */
const TARGET_BLOCK_MS = 20

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc')

/** Major (mark-compact) collections while `fn` runs: their pauses count in the loop delay too. */
async function withGcCount(fn) {
  const major = []
  const po = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.detail?.kind === 4) major.push(round(e.duration, 1))
  })
  po.observe({ entryTypes: ['gc'] })
  const result = await fn()
  await new Promise((r) => setTimeout(r, 20))
  po.disconnect()
  return { result, major }
}

function sdk(url, sockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  const common = { region: 'us-east-1', endpoint: url, credentials: ROOT, requestHandler: new NodeHttpHandler({ httpAgent: agent }), maxAttempts: 1 }
  const iam = new IAMClient(common)
  const sts = new STSClient(common)
  return { iam, sts, destroy: () => (iam.destroy(), sts.destroy(), agent.destroy()) }
}

/** `count` calls of `make(i)` with `concurrency` in flight (bounded by maxMs): latencies in ms. */
async function load(make, { count, concurrency, maxMs }) {
  const lat = []
  let next = 0
  const deadline = performance.now() + maxMs
  const started = performance.now()
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      const i = next++
      const t0 = performance.now()
      await make(i)
      lat.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return { lat, rps: lat.length / ((performance.now() - started) / 1000) }
}

async function ackLatency(ctx) {
  const count = ctx.pick({ full: 300, quick: 120, smoke: 6 })
  const rounds = ctx.pick({ full: 3, quick: 2, smoke: 1 })
  const modes = ctx.smoke ? ['none-state', 'always'] : ['none-state', 'always', 'batch', 'none']
  const servers = {}
  for (const m of modes) {
    const args = m === 'none-state' ? [] : ['--state', join(ctx.tmp('iamflow-bench-state-'), 'state.json'), '--state-sync', m]
    const serve = await startIamflowServe(ctx.root, { args })
    servers[m] = { serve, one: sdk(serve.url, 1), many: sdk(serve.url, 16), seq: [], conc: [], reads: [] }
  }
  let n = 0
  for (const s of Object.values(servers)) await load(() => s.one.iam.send(new CreateUserCommand({ UserName: `warm-${n++}` })), { count: ctx.pick({ full: 20, smoke: 2 }), concurrency: 1, maxMs: 5000 })
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...modes].reverse() : modes
    for (const m of order) {
      const s = servers[m]
      s.seq.push(await load(() => s.one.iam.send(new CreateUserCommand({ UserName: `seq-${n++}` })), { count, concurrency: 1, maxMs: 15_000 }))
      s.conc.push(await load(() => s.many.iam.send(new CreateUserCommand({ UserName: `conc-${n++}` })), { count: count * 2, concurrency: 16, maxMs: 15_000 }))
      s.reads.push(await load(() => s.one.sts.send(new GetCallerIdentityCommand({})), { count, concurrency: 1, maxMs: 10_000 }))
    }
  }
  const out = {}
  for (const m of modes) {
    const s = servers[m]
    const seq = s.seq.flatMap((x) => x.lat)
    const reads = s.reads.flatMap((x) => x.lat)
    out[m] = {
      createUserP50Ms: round(median(seq), 3),
      createUserP99Ms: round(quantile(seq, 0.99), 3),
      createUserRps16: round(median(s.conc.map((x) => x.rps)), 1),
      readP50Ms: round(median(reads), 3),
    }
    s.one.destroy()
    s.many.destroy()
    await s.serve.stop()
  }
  return out
}

/** Max event-loop delay (ms) of a histogram, and of an idle period of `ms` as the baseline. */
async function idleBlockMs(ms) {
  const h = monitorEventLoopDelay({ resolution: 1 })
  h.enable()
  await new Promise((r) => setTimeout(r, ms))
  h.disable()
  return h.max / 1e6
}

async function compaction(ctx) {
  const users = ctx.pick({ full: 100_000, quick: 30_000, smoke: 200 })
  const { createEmulator } = await ctx.dist('emulator/index.js')
  const statePath = join(ctx.tmp('iamflow-bench-compact-'), 'state.json')
  // Populated with --state-sync none (fsyncs would only slow the setup); the save is what is measured.
  const em = createEmulator({ statePath, stateSync: { mode: 'none' }, quotas: { users: users + 10 }, stateCompactAfterBytes: 2 ** 40 })
  const call = queryClient(em, ROOT)
  const t0 = performance.now()
  for (let i = 0; i < users; i++) await call({ Action: 'CreateUser', UserName: `user-${String(i).padStart(6, '0')}`, Path: '/bench/', 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': `t${i % 50}` })
  const populateMs = performance.now() - t0
  const journalBytes = readdirSync(join(statePath, '..')).filter((f) => f.includes('.journal.')).reduce((a, f) => a + statSync(join(statePath, '..', f)).size, 0)
  const t1 = performance.now()
  createEmulator({ statePath })
  const replayMs = performance.now() - t1
  // The replay above left a second 100k-user state as garbage: collect it first, so that its
  // collection is not what the save is blamed for (in a long-running serve it is long gone).
  gc()
  gc()
  const idle = []
  for (let i = 0; i < ctx.pick({ full: 3, smoke: 1 }); i++) idle.push(await idleBlockMs(ctx.pick({ full: 300, smoke: 50 })))
  // Requests keep coming while the snapshot is written.
  const h = monitorEventLoopDelay({ resolution: 1 })
  h.enable()
  let saving = true
  const served = []
  const reader = (async () => {
    while (saving) {
      // In-process calls are microtasks only: give the loop a turn, as requests arriving on sockets do.
      await new Promise((r) => setImmediate(r))
      const t = performance.now()
      await call({ Action: 'GetUser', UserName: `user-${String(Math.floor(Math.random() * users)).padStart(6, '0')}` })
      served.push(performance.now() - t)
    }
  })()
  const ts = performance.now()
  const { result: summary, major } = await withGcCount(() => em.save())
  const saveMs = performance.now() - ts
  saving = false
  await reader
  h.disable()
  const t2 = performance.now()
  const reloaded = createEmulator({ statePath })
  const loadMs = performance.now() - t2
  if (reloaded.inventory().users.length !== users) throw new Error(`reload: ${reloaded.inventory().users.length} users, expected ${users}`)
  return {
    users,
    populateMsPerCreateUser: round(populateMs / users, 3),
    journalMiB: round(journalBytes / 2 ** 20, 1),
    replayJournalMs: Math.round(replayMs),
    saveMs: Math.round(saveMs),
    snapshotMiB: round(summary.bytes / 2 ** 20, 1),
    maxLoopBlockDuringSaveMs: round(h.max / 1e6, 1),
    p99LoopDelayDuringSaveMs: round(h.percentile(99) / 1e6, 1),
    maxLoopBlockIdleMs: round(Math.max(...idle), 1),
    majorGcMsDuringSave: major,
    getUserDuringSave: { n: served.length, p50Ms: round(median(served), 2), maxMs: round(Math.max(...served), 1) },
    loadSnapshotMs: Math.round(loadMs),
  }
}

async function bigBodies(ctx) {
  const mib = ctx.pick({ full: 512, quick: 128, smoke: 2 })
  const { createEmulator, createInMemoryHandler } = await ctx.dist('emulator/index.js')
  const { stateOf } = await ctx.dist('emulator/create-emulator.js')
  const { stateToJson } = await ctx.dist('emulator/state/persist.js')
  const { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } = await import('@aws-sdk/client-s3')
  const statePath = join(ctx.tmp('iamflow-bench-bodies-'), 'state.json')
  const em = createEmulator({ statePath, stateSync: { mode: 'none' } })
  const s3 = new S3Client({ region: 'us-east-1', endpoint: 'http://localhost:4566', credentials: ROOT, requestHandler: createInMemoryHandler(em), forcePathStyle: true, maxAttempts: 1 })
  await s3.send(new CreateBucketCommand({ Bucket: 'big' }))
  const body = Buffer.alloc(1 << 20)
  const t0 = performance.now()
  for (let i = 0; i < mib; i++) {
    body.writeUInt32BE(i, 0) // distinct bodies: one file each
    await s3.send(new PutObjectCommand({ Bucket: 'big', Key: `o${i}`, Body: new Uint8Array(body) }))
  }
  const putMs = performance.now() - t0
  // The version-1 serializer (one JSON string, bodies base64) on the same state: the old save.
  let v1 = 'not tried (quick mode: too small to reach the limit)'
  if (mib >= 400) {
    try {
      v1 = `succeeded (${stateToJson(stateOf(em)).length} chars)`
    } catch (err) {
      v1 = `${err.name}: ${err.message}`
    }
  }
  const h = monitorEventLoopDelay({ resolution: 1 })
  h.enable()
  const ts = performance.now()
  let saved
  try {
    saved = await em.save()
  } catch (err) {
    saved = { error: `${err.name}: ${err.message}` }
  }
  const saveMs = performance.now() - ts
  h.disable()
  const t1 = performance.now()
  const again = createEmulator({ statePath })
  const loadMs = performance.now() - t1
  const s3b = new S3Client({ region: 'us-east-1', endpoint: 'http://localhost:4566', credentials: ROOT, requestHandler: createInMemoryHandler(again), forcePathStyle: true, maxAttempts: 1 })
  const last = Buffer.from(await (await s3b.send(new GetObjectCommand({ Bucket: 'big', Key: `o${mib - 1}` }))).Body.transformToByteArray())
  if (last.readUInt32BE(0) !== mib - 1 || last.length !== 1 << 20) throw new Error('the last object did not survive the reload')
  return {
    mib,
    putMsPerMiB: round(putMs / mib, 2),
    v1Serializer: v1,
    save: saved.error ?? `ok: snapshot ${round(saved.bytes / 1024, 1)} KiB, ${saved.bodies} body files, ${round(saved.bodyBytes / 2 ** 20, 1)} MiB`,
    saveMs: Math.round(saveMs),
    maxLoopBlockDuringSaveMs: round(h.max / 1e6, 1),
    reloadMs: Math.round(loadMs),
    objectsAfterReload: again.inventory().objects.length,
  }
}

export async function run(ctx) {
  ctx.log('acknowledged-write latency (serve, 4 servers)...')
  const ack = await ackLatency(ctx)
  ctx.log('compaction of a large state...')
  const comp = await compaction(ctx)
  ctx.log('object bodies...')
  const bodies = await bigBodies(ctx)
  const base = ack['none-state']
  const ratio = (m) => (ack[m] ? round(ack[m].createUserP50Ms / base.createUserP50Ms, 2) : 'n/a')
  const at = (m, k) => ack[m]?.[k] ?? 'n/a'
  return {
    figures: { ackLatency: ack, compaction: comp, bodies },
    checks: [
      ctx.check({ name: `longest event-loop block while saving ${comp.users / 1000}k users`, value: comp.maxLoopBlockDuringSaveMs, unit: 'ms', op: '<=', target: TARGET_BLOCK_MS, baseline: `idle ${comp.maxLoopBlockIdleMs} ms; save took ${comp.saveMs} ms` }),
      ctx.check({ name: `longest event-loop block while saving ${bodies.mib} MiB of bodies`, value: bodies.maxLoopBlockDuringSaveMs, unit: 'ms', op: '<=', target: TARGET_BLOCK_MS, baseline: `v1 serializer: ${bodies.v1Serializer.slice(0, 60)}` }),
      ctx.check({ name: `${bodies.mib} MiB of bodies reloaded`, value: bodies.objectsAfterReload, unit: 'objects', op: '>=', target: bodies.mib }),
    ],
    notes: [
      `CreateUser p50 (one at a time): no --state ${base.createUserP50Ms} ms; always ${at('always', 'createUserP50Ms')} ms (${ratio('always')}x); batch ${at('batch', 'createUserP50Ms')} ms (${ratio('batch')}x); none ${at('none', 'createUserP50Ms')} ms (${ratio('none')}x)`,
      `CreateUser req/s with 16 in flight: no --state ${base.createUserRps16}; always ${at('always', 'createUserRps16')}; batch ${at('batch', 'createUserRps16')}; none ${at('none', 'createUserRps16')}`,
      `GetCallerIdentity p50: no --state ${base.readP50Ms} ms; with --state (always) ${ack.always.readP50Ms} ms`,
      `compaction: ${comp.users} users, snapshot ${comp.snapshotMiB} MiB in ${comp.saveMs} ms; longest loop block ${comp.maxLoopBlockDuringSaveMs} ms (idle ${comp.maxLoopBlockIdleMs} ms; major GCs meanwhile: ${comp.majorGcMsDuringSave.length ? comp.majorGcMsDuringSave.join(', ') + ' ms' : 'none'}); ${comp.getUserDuringSave.n} GetUser served meanwhile, slowest ${comp.getUserDuringSave.maxMs} ms; reload ${comp.loadSnapshotMs} ms (journal replay ${comp.replayJournalMs} ms)`,
      `${bodies.mib} MiB of bodies: save ${bodies.save} in ${bodies.saveMs} ms; the v1 single-string serializer: ${bodies.v1Serializer}`,
    ],
  }
}
