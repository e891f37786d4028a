// Policy engine benchmark: µs per warm evaluation of a realistic request against a
// 10-statement identity policy with conditions plus a permissions boundary, compared with a
// naive interpreter measured in the same run, and with 1,000 unrelated policies loaded (in the
// compile cache) or merged into the principal's policy as 2,000 unrelated statements.
// Run after `npm run build`: node bench/policy.bench.mjs [--json]
import { compilePolicy, evaluate } from '../dist/policy/index.js'
import { naiveEvaluate } from './policy/naive.mjs'
import { boundaryDoc, identityDoc, request, unrelatedDocs } from './policy/fixtures.mjs'

const TARGET_US = 5

function compiled(doc, kind, id) {
  const r = compilePolicy(doc, kind)
  if (!r.ok) throw new Error(`${id}: ${r.error.message}`)
  return { id, name: id, origin: 'user-managed', policy: r.policy }
}

/** Median µs per call over `rounds` timed rounds of `iterations` calls, after a warm-up. */
function measure(fn, iterations = 50_000, rounds = 7) {
  for (let i = 0; i < iterations; i++) fn()
  const samples = []
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < iterations; i++) fn()
    samples.push(Number(process.hrtime.bigint() - t0) / 1000 / iterations)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

const input = { request, identityPolicies: [compiled(identityDoc, 'identity', 'Identity')], boundary: compiled(boundaryDoc, 'boundary', 'Boundary') }
const expected = evaluate(input).decision
const naive = naiveEvaluate([identityDoc], boundaryDoc, request)
if (expected !== 'Allowed' || naive !== 'Allowed') throw new Error(`benchmark request should be allowed (engine ${expected}, naive ${naive})`)

const engineUs = measure(() => evaluate(input))
const naiveUs = measure(() => naiveEvaluate([identityDoc], boundaryDoc, request), 10_000)

const unrelated = unrelatedDocs(1000)
unrelated.forEach((d, i) => compiled(d, 'identity', `Unrelated${i}`))
const loadedUs = measure(() => evaluate(input))

const merged = { Version: '2012-10-17', Statement: [...identityDoc.Statement, ...unrelated.flatMap((d) => d.Statement)] }
const bigInput = { ...input, identityPolicies: [compiled(merged, 'identity', 'Merged')] }
if (evaluate(bigInput).decision !== 'Allowed') throw new Error('merged policy should allow')
const bigUs = measure(() => evaluate(bigInput), 20_000)
const bigNaiveUs = measure(() => naiveEvaluate([merged], boundaryDoc, request), 200, 5)

const results = {
  engineUsPerEval: Number(engineUs.toFixed(3)),
  naiveUsPerEval: Number(naiveUs.toFixed(3)),
  speedupVsNaive: Number((naiveUs / engineUs).toFixed(1)),
  with1000UnrelatedLoadedUs: Number(loadedUs.toFixed(3)),
  with2000UnrelatedStatementsAttachedUs: Number(bigUs.toFixed(3)),
  naiveWith2000UnrelatedStatementsUs: Number(bigNaiveUs.toFixed(1)),
  targetUs: TARGET_US,
  meetsTarget: engineUs <= TARGET_US && loadedUs <= TARGET_US,
}

if (process.argv.includes('--json')) console.log(JSON.stringify({ policy: results }))
else {
  console.log('policy engine (10-statement identity policy with conditions + boundary, warm):')
  console.log(`  engine:                                ${results.engineUsPerEval} µs/eval (target ≤ ${TARGET_US} µs)`)
  console.log(`  naive interpreter:                     ${results.naiveUsPerEval} µs/eval (engine is ${results.speedupVsNaive}× faster)`)
  console.log(`  with 1,000 unrelated policies loaded:  ${results.with1000UnrelatedLoadedUs} µs/eval`)
  console.log(`  with 2,000 unrelated statements attached: ${results.with2000UnrelatedStatementsAttachedUs} µs/eval (naive: ${results.naiveWith2000UnrelatedStatementsUs} µs)`)
}

