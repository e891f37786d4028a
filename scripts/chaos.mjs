#!/usr/bin/env node
// `npm run chaos [-- KILLS [SEED]]`: the long crash-injection run (issue 9, item 1).
// Runs test/chaos-crash.long.test.ts with CHAOS_KILLS=200 (default) and prints `N runs, M leaked`.
// Exit 0 only when nothing leaked. Replay a seed with: npm run chaos -- 200 <seed>.
//
// `npm run chaos -- serve [KILLS] [SEED] [--sync always,batch,none] [--writers N]`: serve
// durability (issue 12, defect 7). For each sync policy, `iamflow serve --state` (dist/) takes
// N concurrent SDK v3 writers (CreateUser, DeleteUser, PutObject, DeleteObject), is SIGKILLed at
// a random moment KILLS times (default 10 per policy; compactions every 64 KiB of journal, so
// kills also land in them) and restarted from its --state; every
// write answered 200 must be there. Prints the counts; exit 0 only when nothing was lost.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const argv = process.argv.slice(2)
if (argv[0] === 'serve') process.exit(await serveDurability(argv.slice(1)))

const kills = argv[0] ?? '200'
const seed = argv[1]
const dir = mkdtempSync(join(tmpdir(), 'iamflow-chaos-report-'))
const report = join(dir, 'report.json')
const env = { ...process.env, CHAOS_KILLS: kills, CHAOS_REPORT: report, ...(seed ? { CHAOS_SEED: seed } : {}) }
const vitest = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.long.config.ts', 'test/chaos-crash.long.test.ts', '--reporter', 'dot'], { env, stdio: ['ignore', 'inherit', 'inherit'] })
let status = vitest.status ?? 1
try {
  const r = JSON.parse(readFileSync(report, 'utf8'))
  console.log(`${r.runs} runs, ${r.leaked} leaked`)
  console.log(`(${r.kills} killed by SIGKILL, ${r.runs - r.kills} finished before their moment; seed ${r.seed}; ${(r.durationMs / 1000).toFixed(0)} s)`)
  for (const c of r.cases.filter((x) => x.problem)) console.log(`  #${c.index} ${c.scenario} ${c.mode === 'request' ? `k=${c.k} +${c.delayMs} ms` : `after ${c.delayMs} ms`}: ${c.problem}`)
  if (r.leaked > 0) status = 1
} catch {
  console.log('no report: the chaos test did not finish (see above)')
  status = 1
}
rmSync(dir, { recursive: true, force: true })
process.exit(status)

async function serveDurability(args) {
  const flag = (name, fallback) => {
    const i = args.indexOf(name)
    if (i < 0) return fallback
    const v = args[i + 1]
    args.splice(i, 2)
    return v
  }
  const syncs = flag('--sync', 'always,batch,none').split(',')
  const writers = Number(flag('--writers', '8'))
  const kills = Number(args[0] ?? 10)
  const seed = args[1] === undefined ? Date.now() % 2 ** 31 : Number(args[1])
  const root = resolve(import.meta.dirname, '..')
  const cli = join(root, 'dist', 'cli', 'main.js')
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
  if (build.status !== 0 || !existsSync(cli)) {
    console.log('the build failed: npm run build shows why')
    return 1
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const { runServeDurability } = await import('./lib/serve-durability.mjs')
  let lost = 0
  const lines = []
  for (const [i, sync] of syncs.entries()) {
    const dir = mkdtempSync(join(tmpdir(), `iamflow-chaos-serve-${sync}-`))
    try {
      console.log(`--state-sync ${sync}: ${kills} kills, ${writers} writers, seed ${seed + i}`)
      // A 64 KiB journal threshold: snapshots are written (and killed) every few dozen writes.
      const r = await runServeDurability({ cli, dir, kills, writers, seed: seed + i, sync, compactBytes: 64 * 1024, log: (l) => console.log(`  ${l}`) })
      lost += r.lost
      lines.push(`--state-sync ${r.sync}: ${r.kills} kills, ${r.acked} writes answered 200, ${r.acked - r.lost} present after restarts, lost ${r.lost}; ${r.finalUsers} users and ${r.finalObjects} objects at the end; ${r.unexpectedErrors} unexpected errors; ${(r.durationMs / 1000).toFixed(0)} s (seed ${r.seed})`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  console.log(lines.join('\n'))
  return lost === 0 ? 0 : 1
}
