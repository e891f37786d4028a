#!/usr/bin/env node
// `npm run fuzz [-- CASES [SEED]]`: the long scenario fuzz (issue 9, item 3): 100k mutated
// scenarios through validate + plan, split over one vitest process per core, then the counts.
// Exit 0 only when no case broke a property. Replay with: npm run fuzz -- 100000 <seed>.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'

const cases = Number(process.argv[2] ?? 100_000)
const seed = process.argv[3] ?? String((Date.now() ^ (process.pid << 16)) >>> 0)
const shards = Math.max(1, Math.min(availableParallelism(), 4))
const dir = mkdtempSync(join(tmpdir(), 'iamflow-fuzz-report-'))
const started = Date.now()
const runs = Array.from({ length: shards }, (_, i) => {
  const report = join(dir, `shard-${i}.json`)
  const env = { ...process.env, FUZZ_CASES: String(Math.ceil((cases - i) / shards)), FUZZ_SEED: seed, FUZZ_SHARD: `${i}/${shards}`, FUZZ_REPORT: report }
  const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.long.config.ts', 'test/fuzz-scenarios.long.test.ts', '-t', 'mutated scenarios', '--reporter', 'dot'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, report })))
})
const done = await Promise.all(runs)
const total = { cases: 0, valid: 0, invalid: 0, broken: 0, codes: {}, failures: [], slowestMs: 0 }
let missing = 0
for (const { report } of done) {
  let r
  try {
    r = JSON.parse(readFileSync(report, 'utf8'))
  } catch {
    missing++
    continue
  }
  total.cases += r.cases
  total.valid += r.valid
  total.invalid += r.invalid
  total.broken += r.failures.length
  total.failures.push(...r.failures)
  total.slowestMs = Math.max(total.slowestMs, r.slowestMs)
  for (const [c, n] of Object.entries(r.codes)) total.codes[c] = (total.codes[c] ?? 0) + n
}
console.log(`${total.cases} cases: ${total.valid} valid, ${total.invalid} refused with located errors, ${total.broken} broken`)
console.log(`(seed ${seed}, ${shards} shards, ${((Date.now() - started) / 1000).toFixed(0)} s, slowest case ${total.slowestMs.toFixed(0)} ms)`)
console.log(`error codes: ${Object.entries(total.codes).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`)
for (const f of total.failures.slice(0, 10)) console.log(`  #${f.index} ${f.base} [${f.ops.join(', ')}]: ${f.problem}`)
if (missing) console.log(`${missing} shard(s) wrote no report (see the errors above)`)
rmSync(dir, { recursive: true, force: true })
process.exit(total.broken > 0 || missing > 0 || done.some((d) => d.code !== 0) ? 1 : 0)
