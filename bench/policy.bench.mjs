// Policy engine benchmark, standalone (npm run bench runs it too, as item 5).
// Run after `npm run build`: node bench/policy.bench.mjs [--json]
import { measurePolicy } from './policy/measure.mjs'

const TARGET_US = 5
const results = await measurePolicy()
const meetsTarget = results.engineUsPerEval <= TARGET_US && results.with1000UnrelatedLoadedUs <= TARGET_US

if (process.argv.includes('--json')) console.log(JSON.stringify({ policy: { ...results, targetUs: TARGET_US, meetsTarget } }))
else {
  console.log('policy engine (10-statement identity policy with conditions + boundary, warm):')
  console.log(`  engine:                                ${results.engineUsPerEval} µs/eval (target ≤ ${TARGET_US} µs)`)
  console.log(`  naive interpreter:                     ${results.naiveUsPerEval} µs/eval (engine is ${results.speedupVsNaive}× faster)`)
  console.log(`  with 1,000 unrelated policies loaded:  ${results.with1000UnrelatedLoadedUs} µs/eval`)
  console.log(`  with 2,000 unrelated statements attached: ${results.with2000UnrelatedStatementsAttachedUs} µs/eval (naive: ${results.naiveWith2000UnrelatedStatementsUs} µs)`)
}
if (!meetsTarget) process.exitCode = 1
