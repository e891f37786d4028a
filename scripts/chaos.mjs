#!/usr/bin/env node
// `npm run chaos [-- KILLS [SEED]]`: the long crash-injection run (issue 9, item 1).
// Runs test/chaos-crash.test.ts with CHAOS_KILLS=200 (default) and prints `N runs, M leaked`.
// Exit 0 only when nothing leaked. Replay a seed with: npm run chaos -- 200 <seed>.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const kills = process.argv[2] ?? '200'
const seed = process.argv[3]
const dir = mkdtempSync(join(tmpdir(), 'iamflow-chaos-report-'))
const report = join(dir, 'report.json')
const env = { ...process.env, CHAOS_KILLS: kills, CHAOS_REPORT: report, ...(seed ? { CHAOS_SEED: seed } : {}) }
const vitest = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/chaos-crash.test.ts', '--reporter', 'dot'], { env, stdio: ['ignore', 'inherit', 'inherit'] })
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
