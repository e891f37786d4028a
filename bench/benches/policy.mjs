// 5. Policy engine µs per evaluation (bench/policy/measure.mjs) against a naive interpreter
// measured in the same run, and flatness with 1,000 unrelated policies.
import { measurePolicy } from '../policy/measure.mjs'
import { measureWildcard } from '../policy/wildcard.mjs'

const TARGET_US = 5
/** "Flat": loading 1,000 unrelated policies may not cost more than this factor. */
const FLAT_FACTOR = 1.25

export async function run(ctx) {
  const r = await measurePolicy({ root: ctx.root, scale: ctx.pick({ full: 1, quick: 0.3, smoke: 0.01 }), smoke: ctx.smoke })
  const w = await measureWildcard({ root: ctx.root, smoke: ctx.smoke })
  const naive = `naive interpreter ${r.naiveUsPerEval} µs (${r.speedupVsNaive}x slower)`
  return {
    figures: { ...r, pathologicalPattern: w },
    checks: [
      ctx.check({ name: '10 statements + conditions + boundary', value: r.engineUsPerEval, unit: 'µs', op: '<=', target: TARGET_US, baseline: naive }),
      ctx.check({ name: 'same, 1,000 unrelated policies loaded', value: r.with1000UnrelatedLoadedUs, unit: 'µs', op: '<=', target: TARGET_US }),
      ctx.check({ name: 'flatness: loaded / alone', value: r.loadedVsAlone, unit: 'x', op: '<=', target: FLAT_FACTOR }),
      ctx.check({
        name: 'flatness: 2,000 unrelated statements attached / alone',
        value: r.attachedVsAlone,
        unit: 'x',
        op: '<=',
        target: FLAT_FACTOR,
        baseline: `naive ${r.naiveWith2000UnrelatedStatementsUs} µs`,
      }),
      ctx.check({
        name: `pattern *a?a?…b* (${w.patternChars} chars) on a ${w.nameChars}-char name: speed-up over the pre-issue-12 matcher`,
        value: w.speedupVsBeforeIssue12,
        unit: 'x',
        op: '>=',
        target: 10,
        baseline: `before: ${w.beforeIssue12MatcherUs} µs per match; now ${w.pathologicalConditionUs} µs per evaluation (plain pattern ${w.plainConditionUs} µs)`,
      }),
    ],
    notes: [
      `pathological pattern (issue 12): ${w.pathologicalResourceUs} µs as a Resource, ${w.pathologicalConditionUs} µs as StringLike, vs ${w.plainResourceUs} / ${w.plainConditionUs} µs for a plain pattern (${w.resourceRatio}x / ${w.conditionRatio}x); worst case O(name × pattern / 32)`,
      `flatness: loaded = engine time relative to the naive interpreter (alternating rounds) after loading / before; attached = median ratio of 11 alternating round pairs; tolerance ${FLAT_FACTOR}x for a shared machine`,
    ],
  }
}
