// Policy engine measurements (issue 8, item 5): µs per warm evaluation of a realistic request
// against a 10-statement identity policy with conditions plus a permissions boundary, next to
// a naive interpreter measured in the same run; then with 1,000 unrelated policies loaded (in
// the compile cache) and with them merged into the principal's policy (2,000 statements).
// Used by bench/benches/policy.mjs (npm run bench) and bench/policy.bench.mjs (standalone).
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'
import { naiveEvaluate } from './naive.mjs'
import { boundaryDoc, identityDoc, quotaSizedDocs, request, sameServiceStatements, unrelatedDocs } from './fixtures.mjs'

/** µs per call of one timed round of `iterations` calls. */
function round(fn, iterations) {
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) fn()
  return Number(process.hrtime.bigint() - t0) / 1000 / iterations
}

const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Median µs per call over `rounds` timed rounds of `iterations` calls, after a warm-up round. */
function measure(fn, iterations, rounds) {
  round(fn, iterations)
  return med(Array.from({ length: rounds }, () => round(fn, iterations)))
}

/**
 * Two functions timed in alternating rounds (so machine noise hits both alike): median µs of
 * each and the median of the per-round ratios b/a.
 */
function paired(a, b, iterations, rounds, iterationsB = iterations) {
  round(a, iterations)
  round(b, iterationsB)
  const ra = []
  const rb = []
  for (let r = 0; r < rounds; r++) {
    ra.push(round(a, iterations))
    rb.push(round(b, iterationsB))
  }
  return { a: med(ra), b: med(rb), ratio: med(rb.map((x, i) => x / ra[i])) }
}

/**
 * Run every measurement; `scale` < 1 shortens the naive interpreter's loops (quick mode; the
 * engine's loops stay long enough to be stable). Throws if the engine
 * or the naive interpreter does not allow the benchmark request (a broken setup, not a result).
 */
export async function measurePolicy({ root = resolve(import.meta.dirname, '../..'), scale = 1, smoke = false } = {}) {
  const { compilePolicy, evaluate } = await import(pathToFileURL(resolve(root, 'dist/policy/index.js')).href)
  const n = (x) => Math.max(50, Math.round(x * scale))
  const e = (x) => (smoke ? 500 : x) // the engine's loops: always long, except in a smoke run
  const compiled = (doc, kind, id) => {
    const r = compilePolicy(doc, kind)
    if (!r.ok) throw new Error(`${id}: ${r.error.message}`)
    return { id, name: id, origin: 'user-managed', policy: r.policy }
  }
  const input = { request, identityPolicies: [compiled(identityDoc, 'identity', 'Identity')], boundary: compiled(boundaryDoc, 'boundary', 'Boundary') }
  const decision = evaluate(input).decision
  const naive = naiveEvaluate([identityDoc], boundaryDoc, request)
  if (decision !== 'Allowed' || naive !== 'Allowed') throw new Error(`benchmark request should be allowed (engine ${decision}, naive ${naive})`)

  const engineUs = measure(() => evaluate(input), e(25_000), 15)
  const naiveUs = measure(() => naiveEvaluate([identityDoc], boundaryDoc, request), n(10_000), 7)
  // "Loaded" cannot alternate with "alone" (loading is one-way), so each is timed against the
  // naive interpreter (which never sees the engine's cache) in alternating rounds, and the two
  // relative speeds are compared: machine drift cancels out.
  const calibrate = () => paired(() => naiveEvaluate([identityDoc], boundaryDoc, request), () => evaluate(input), e(2_000), 11, e(25_000)).ratio
  const aloneRel = calibrate()

  const unrelated = unrelatedDocs(1000)
  unrelated.forEach((d, i) => compiled(d, 'identity', `Unrelated${i}`))
  const loadedUs = measure(() => evaluate(input), e(25_000), 15)
  const loadedRel = calibrate()

  const merged = { Version: '2012-10-17', Statement: [...identityDoc.Statement, ...unrelated.flatMap((d) => d.Statement)] }
  const bigInput = { ...input, identityPolicies: [compiled(merged, 'identity', 'Merged')] }
  if (evaluate(bigInput).decision !== 'Allowed') throw new Error('merged policy should allow')
  const attached = paired(() => evaluate(input), () => evaluate(bigInput), e(20_000), 11)
  const bigNaiveUs = measure(() => naiveEvaluate([merged], boundaryDoc, request), smoke ? 2 : Math.max(20, Math.round(200 * scale)), scale < 1 ? 3 : 5)

  // Issue 19, item 3: the made-up services above are skipped by the per-service index, so that
  // case is flat by construction. The realistic worst case: statements on the same service and
  // action (s3:GetObject on other buckets), 2,000 of them in the principal's policy, and a
  // principal at AWS's quotas (20 managed policies of 6,144 characters).
  const same = { Version: '2012-10-17', Statement: [...identityDoc.Statement, ...sameServiceStatements(2000)] }
  const sameInput = { ...input, identityPolicies: [compiled(same, 'identity', 'SameService')] }
  if (evaluate(sameInput).decision !== 'Allowed') throw new Error('same-service policy should allow')
  const sameSvc = paired(() => evaluate(input), () => evaluate(sameInput), e(20_000), 11, smoke ? 50 : 500)
  const quotaDocs = quotaSizedDocs()
  const quotaInput = { ...input, identityPolicies: [...input.identityPolicies, ...quotaDocs.map((d, i) => compiled(d, 'identity', `Quota${i}`))] }
  if (evaluate(quotaInput).decision !== 'Allowed') throw new Error('quota-sized principal should allow')
  const quota = paired(() => evaluate(input), () => evaluate(quotaInput), e(20_000), 11, smoke ? 50 : 500)
  const sameNaiveUs = measure(() => naiveEvaluate([same], boundaryDoc, request), smoke ? 2 : Math.max(20, Math.round(200 * scale)), scale < 1 ? 3 : 5)

  return {
    engineUsPerEval: Number(engineUs.toFixed(3)),
    naiveUsPerEval: Number(naiveUs.toFixed(3)),
    speedupVsNaive: Number((naiveUs / engineUs).toFixed(1)),
    with1000UnrelatedLoadedUs: Number(loadedUs.toFixed(3)),
    loadedVsAlone: Number((loadedRel / aloneRel).toFixed(2)),
    with2000UnrelatedStatementsAttachedUs: Number(attached.b.toFixed(3)),
    attachedVsAlone: Number(attached.ratio.toFixed(2)),
    naiveWith2000UnrelatedStatementsUs: Number(bigNaiveUs.toFixed(1)),
    with2000SameServiceStatementsUs: Number(sameSvc.b.toFixed(3)),
    sameServiceVsAlone: Number(sameSvc.ratio.toFixed(2)),
    naiveWith2000SameServiceStatementsUs: Number(sameNaiveUs.toFixed(1)),
    quotaSized: { policies: quotaDocs.length, statements: quotaDocs.reduce((a, d) => a + d.Statement.length, 0), maxChars: Math.max(...quotaDocs.map((d) => JSON.stringify(d).length)), us: Number(quota.b.toFixed(3)), vsAlone: Number(quota.ratio.toFixed(2)) },
  }
}
