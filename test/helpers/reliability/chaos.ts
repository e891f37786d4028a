import { mkdirSync, mkdtempSync } from 'node:fs'
import { basename, join } from 'node:path'
import { STSClient } from '@aws-sdk/client-sts'
import { iamflowClient } from '../../../src/aws/emulator-call.js'
import { createEmulator } from '../../../src/emulator/index.js'
import { listRunRecords } from '../../../src/engine/ledger/run-records.js'
import { type ApiInventory, type Clients, clientsFor, inventoryViaApi } from './aws.js'
import { runCli, spawnCli } from './cli.js'
import { createRng } from './rng.js'
import { expectedRequests } from './scenario-files.js'
import { type Served, startServe } from './serve.js'

/** What happened to one spawned run. */
export interface ChaosCase {
  index: number
  lane: number
  scenario: string
  /** request: killed `delayMs` after serve logged request number `k`; time: `delayMs` after spawn. */
  mode: 'request' | 'time'
  k?: number
  delayMs: number
  /** The run died of the SIGKILL (false: it finished first). */
  killed: boolean
  runExit: number | string
  cleanupExit: number | string
  /** Undo calls the ledgers still list after cleanup. */
  ledgerLeftovers: number
  /** What the account still held after cleanup (only when something was left). */
  left?: Partial<ApiInventory>
  /** Why the case counts as a failure (leak, cleanup error, a run that failed without a kill). */
  problem?: string
}

export interface ChaosReport {
  seed: number
  /** Spawned runs. */
  runs: number
  kills: number
  /** Cases that left something (or could not clean up). */
  leaked: number
  /** Serve's state file, saved on SIGTERM and reloaded, holds nothing either. */
  savedStatesClean: boolean
  cases: ChaosCase[]
  durationMs: number
}

export interface ChaosOptions {
  /** Stop once this many runs were killed. */
  kills: number
  seed: number
  scenarios: string[]
  /** Working directory for servers, runs and state files. */
  dir: string
  /** Servers (each with its own runs, one at a time). */
  lanes?: number
  onCase?(c: ChaosCase): void
}

interface Lane {
  index: number
  dir: string
  serve: Served
  clients: Clients
  state: string
  /** The current run's request counter. */
  onRequest?: () => void
}

const REQUEST_LINE = /^\d{4}-\d\d-\d\dT\S+ (GET|POST|PUT|DELETE|HEAD) /

const isEmpty = (inv: ApiInventory) => Object.values(inv).every((xs) => xs.length === 0)

/**
 * Crash injection: runs each scenario as `iamflow run --endpoint-url` against `iamflow serve
 * --state`, SIGKILLs it at a seeded moment (after serve logged the k-th request of the run, plus
 * a few ms; or at a random time after spawn), runs `iamflow cleanup --all` in the run's working
 * directory, and reads the account back through the list APIs: anything left is a leak.
 */
export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now()
  const lanes: Lane[] = []
  for (let i = 0; i < (opts.lanes ?? 2); i++) lanes.push(await openLane(opts.dir, i, 0))
  const requests = new Map<string, number>()
  const cases: ChaosCase[] = []
  let kills = 0
  let next = 0
  const maxCases = opts.kills * 3 + 10
  const work = async (lane: Lane) => {
    for (;;) {
      if (kills >= opts.kills || next >= maxCases) return
      const index = next++
      const scenario = opts.scenarios[index % opts.scenarios.length]
      if (!requests.has(scenario)) requests.set(scenario, await expectedRequests(scenario))
      const c = await runCase(lane, index, scenario, requests.get(scenario)!, opts.seed)
      if (c.killed) kills++
      cases.push(c)
      opts.onCase?.(c)
      if (c.problem) {
        // Start the lane over on a fresh state so the next cases are judged on their own.
        await lane.serve.stop('SIGKILL')
        lane.clients.destroy()
        await openLane(opts.dir, lane.index, index + 1, lane)
      }
    }
  }
  try {
    await Promise.all(lanes.map(work))
  } finally {
    for (const lane of lanes) lane.clients.destroy()
  }
  let savedStatesClean = true
  for (const lane of lanes) {
    const code = await lane.serve.stop('SIGTERM')
    const inv = createEmulator({ statePath: lane.state }).inventory()
    const held = [inv.users, inv.roles, inv.groups, inv.policies, inv.accessKeys, inv.buckets, inv.objects].some((xs) => xs.length > 0)
    if (code !== 0 || held) savedStatesClean = false
  }
  cases.sort((a, b) => a.index - b.index)
  return { seed: opts.seed, runs: cases.length, kills, leaked: cases.filter((c) => c.problem).length, savedStatesClean, cases, durationMs: Date.now() - started }
}

/** Start a lane's server (into `lane` when restarting one). */
async function openLane(dir: string, index: number, generation: number, into?: Lane): Promise<Lane> {
  const laneDir = join(dir, `lane-${index}-${generation}`)
  mkdirSync(laneDir, { recursive: true })
  const state = join(laneDir, 'state.json')
  const serve = await startServe({ cwd: laneDir, state })
  const lane: Lane = Object.assign(into ?? ({} as Lane), { index, dir: laneDir, serve, state, clients: clientsFor(serve.url, serve.root, { maxAttempts: 3 }), onRequest: undefined })
  serve.process.onLine((line) => {
    if (REQUEST_LINE.test(line)) lane.onRequest?.()
  })
  return lane
}

async function runCase(lane: Lane, index: number, scenario: string, requests: number, seed: number): Promise<ChaosCase> {
  // One generator per case: the same seed replays the same moments whatever the lane order.
  const rng = createRng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0)
  const mode = rng.chance(0.15) ? 'time' : 'request'
  const k = mode === 'request' ? rng.int(1, Math.max(1, requests - 1)) : undefined
  const delayMs = mode === 'request' ? rng.int(0, 25) : rng.int(0, 2500)
  const cwd = mkdtempSync(join(lane.dir, 'run-'))
  const run = spawnCli(['run', scenario, '--endpoint-url', lane.serve.url], { cwd, env: lane.serve.env })
  const timers: NodeJS.Timeout[] = []
  const kill = () => run.child.kill('SIGKILL')
  if (mode === 'time') timers.push(setTimeout(kill, delayMs))
  else {
    let seen = 0
    lane.onRequest = () => {
      if (++seen === k) timers.push(setTimeout(kill, delayMs))
    }
  }
  const runExit = await run.exit
  lane.onRequest = undefined
  for (const t of timers) clearTimeout(t)
  const killed = runExit === 'SIGKILL'
  const cleanup = await runCli(['cleanup', '--all'], { cwd, env: lane.serve.env })
  const records = listRunRecords(join(cwd, '.iamflow', 'runs'))
  const ledgerLeftovers = records.reduce((n, r) => n + r.leftovers, 0)
  const inv = await inventoryViaApi(lane.clients)
  const c: ChaosCase = { index, lane: lane.index, scenario: basename(scenario), mode, ...(k !== undefined ? { k } : {}), delayMs, killed, runExit, cleanupExit: cleanup.code, ledgerLeftovers }
  const problems: string[] = []
  if (!killed && runExit !== 0) problems.push(`the run exited ${runExit} without being killed: ${run.stdout().slice(-800)}${run.stderr().slice(-800)}`)
  if (cleanup.code !== 0 || cleanup.stderr !== '') problems.push(`cleanup exited ${cleanup.code}: ${cleanup.stdout}${cleanup.stderr}`)
  if (ledgerLeftovers > 0) problems.push(`ledgers still list ${ledgerLeftovers} undo(s): ${records.flatMap((r) => r.pending).join('; ')}`)
  if (!isEmpty(inv)) {
    c.left = Object.fromEntries(Object.entries(inv).filter(([, xs]) => xs.length > 0))
    problems.push(`left in the account: ${JSON.stringify(c.left)}`)
  }
  // A scenario's named accounts (accounts:): each must be empty too.
  for (const name of new Set(records.flatMap((r) => (r.target.accounts ?? []).map((a) => a.name)))) {
    const other = await namedAccountInventory(lane.serve, name)
    if (!isEmpty(other)) problems.push(`left in account ${name}: ${JSON.stringify(Object.fromEntries(Object.entries(other).filter(([, xs]) => xs.length > 0)))}`)
  }
  if (problems.length > 0) c.problem = problems.join('\n')
  return c
}

/** What serve's named account NAME (of the default root) holds, through its own root. */
async function namedAccountInventory(serve: Served, name: string): Promise<ApiInventory> {
  const sts = new STSClient({ endpoint: serve.url, region: 'us-east-1', credentials: serve.root, maxAttempts: 3 })
  try {
    const out = await iamflowClient(() => sts, serve.url).call('IamflowAccountOperator', { AccountName: name })
    const clients = clientsFor(serve.url, { accessKeyId: out.AccessKeyId, secretAccessKey: out.SecretAccessKey }, { maxAttempts: 3 })
    try {
      return await inventoryViaApi(clients)
    } finally {
      clients.destroy()
    }
  } finally {
    sts.destroy()
  }
}

/** `N runs, M leaked` and the details a failure needs to be replayed. */
export function formatChaos(r: ChaosReport): string {
  const lines = [`${r.runs} runs, ${r.leaked} leaked (${r.kills} killed by SIGKILL, ${r.runs - r.kills} finished first; seed ${r.seed}; ${(r.durationMs / 1000).toFixed(1)} s)`]
  for (const c of r.cases.filter((x) => x.problem)) {
    lines.push(`  #${c.index} ${c.scenario} ${c.mode === 'request' ? `k=${c.k} +${c.delayMs} ms` : `after ${c.delayMs} ms`}: ${c.problem}`)
  }
  if (!r.savedStatesClean) lines.push('  the state file serve saved on SIGTERM still holds resources')
  return lines.join('\n')
}
