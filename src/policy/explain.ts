/** `explainDecision`: a multi-line account of a decision for the runner's failure output. */
import type { Decision, StatementMiss } from './types.js'
import { describeRef } from './summary.js'

const ORDER: StatementMiss['policyKind'][] = ['identity', 'resource', 'trust', 'boundary', 'session']

/**
 * Explains which statements decided and why every other statement did not apply, grouped by
 * policy type, e.g.
 * ```
 * ImplicitDeny: no identity-based policy allows s3:GetObject on arn:aws:s3:::b/k
 *   matched: (none)
 *   did not match:
 *     - statement "List" (#1) of identity-based policy "S3List": action s3:GetObject is not in Action [s3:List*]
 * ```
 */
export function explainDecision(decision: Decision): string {
  const lines = [decision.summary]
  if (decision.matched.length === 0) lines.push('  matched: (none)')
  else {
    lines.push('  matched:')
    for (const m of decision.matched) lines.push(`    - ${m.effect} ${describeRef(m)}`)
  }
  const misses = [...decision.misses].sort((a, b) => ORDER.indexOf(a.policyKind) - ORDER.indexOf(b.policyKind))
  if (misses.length > 0) {
    lines.push('  did not match:')
    for (const m of misses) lines.push(`    - ${m.effect} ${describeRef(m)}: ${m.detail}`)
  }
  if (decision.missingContextKeys.length > 0) lines.push(`  context keys referenced but absent: ${decision.missingContextKeys.join(', ')}`)
  return lines.join('\n')
}
