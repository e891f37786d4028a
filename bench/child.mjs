// Runs one benchmark in this (fresh) process and writes its result as JSON to a file, so each
// benchmark has its own heap, JIT state and child processes.
// Usage: node bench/child.mjs BENCH_ID RESULT_FILE [--quick | --smoke]
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pythonFacts } from './lib/machine.mjs'
import { createContext } from './lib/context.mjs'
import { BENCHES } from './benches/index.mjs'

const [id, out] = process.argv.slice(2)
const bench = BENCHES.find((b) => b.id === id)
if (!bench || !out) {
  process.stderr.write(`usage: node bench/child.mjs <${BENCHES.map((b) => b.id).join('|')}> RESULT_FILE [--quick | --smoke]\n`)
  process.exit(2)
}
const root = resolve(import.meta.dirname, '..')
const mode = process.argv.includes('--smoke') ? 'smoke' : process.argv.includes('--quick') ? 'quick' : 'full'
const ctx = createContext({ root, mode, python: bench.needsPython ? pythonFacts() : {} })
const t0 = performance.now()
let result
try {
  const mod = await import(`./benches/${bench.file}`)
  result = { ...(await mod.run(ctx)) }
} catch (err) {
  result = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) }
}
result.seconds = Math.round((performance.now() - t0) / 100) / 10
writeFileSync(out, JSON.stringify(result))
// Servers and timers of a benchmark must not keep this process alive.
process.exit(0)
