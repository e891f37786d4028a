// Policy engine benchmark, standalone (npm run bench runs it too, as item 5).
// Run after `npm run build`: node bench/policy.bench.mjs [--json]
import { measurePolicy } from './policy/measure.mjs'
import { measureWildcard } from './policy/wildcard.mjs'

const TARGET_US = 5
const results = await measurePolicy()
const wildcard = await measureWildcard()
const meetsTarget = results.engineUsPerEval <= TARGET_US && results.with2000SameServiceStatementsUs <= TARGET_US && results.quotaSized.us <= TARGET_US

if (process.argv.includes('--json')) console.log(JSON.stringify({ policy: { ...results, targetUs: TARGET_US, meetsTarget, pathologicalPattern: wildcard } }))
else {
  console.log('policy engine (10-statement identity policy with conditions + boundary, warm):')
  console.log(`  engine:                                ${results.engineUsPerEval} µs/eval (target ≤ ${TARGET_US} µs)`)
  console.log(`  naive interpreter:                     ${results.naiveUsPerEval} µs/eval (engine is ${results.speedupVsNaive}× faster)`)
  console.log(`  with 1,000 unrelated policies compiled (cache only, cannot fail): ${results.with1000UnrelatedLoadedUs} µs/eval`)
  console.log(`  with 2,000 unrelated statements attached: ${results.with2000UnrelatedStatementsAttachedUs} µs/eval (naive: ${results.naiveWith2000UnrelatedStatementsUs} µs)`)
  console.log(`  with 2,000 s3:GetObject statements on other buckets: ${results.with2000SameServiceStatementsUs} µs/eval (${results.sameServiceVsAlone}x alone; naive: ${results.naiveWith2000SameServiceStatementsUs} µs)`)
  const q = results.quotaSized
  console.log(`  principal at AWS's quotas (${q.policies} policies, ${q.statements} statements): ${q.us} µs/eval (${q.vsAlone}x alone)`)
  const w = wildcard
  console.log(`pattern *a?a?…b* (${w.patternChars} chars) against a ${w.nameChars}-char name (issue 12):`)
  console.log(`  as Resource:    ${w.pathologicalResourceUs} µs/eval vs plain pattern ${w.plainResourceUs} µs (${w.resourceRatio}x)`)
  console.log(`  as StringLike:  ${w.pathologicalConditionUs} µs/eval vs plain pattern ${w.plainConditionUs} µs (${w.conditionRatio}x)`)
  console.log(`  matcher before issue 12: ${w.beforeIssue12MatcherUs} µs per match (now ${w.speedupVsBeforeIssue12}x faster)`)
}
if (!meetsTarget) process.exitCode = 1
