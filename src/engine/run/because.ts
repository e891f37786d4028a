import type { DecisionTrace } from '../../aws/errors.js'
import type { Because } from '../../scenario/types.js'

/**
 * Why a request was denied, in the scenario's `because:` vocabulary, read from the emulator's
 * decision trace or from the reason AWS appends to its denial message (2024+ format).
 *
 * `implicitDeny` means what AWS's message says with "because no identity-based policy allows":
 * nothing in the caller's own policies grants the request. An implicit deny decided elsewhere
 * carries only its own word (`trustPolicy`, `permissionsBoundary`, `sessionPolicy`,
 * `resourcePolicy`), so `because: implicitDeny` cannot silently pass when, say, a boundary
 * was the reason. An explicit Deny is `explicitDeny` plus the policy type it was found in
 * (a Deny in a boundary is both `explicitDeny` and `permissionsBoundary`).
 * An empty result means "cannot tell" (never "matches").
 */
export function becauseFromDecision(d: DecisionTrace): Set<Because> {
  const out = new Set<Because>()
  if (d.decision === 'Allowed') return out
  if (d.decision === 'ExplicitDeny') out.add('explicitDeny')
  else if (d.by === 'identity' || d.by === 'root' || d.by === 'none') out.add('implicitDeny')
  switch (d.by) {
    case 'trust':
      out.add('trustPolicy')
      break
    case 'boundary':
      out.add('permissionsBoundary')
      break
    case 'session':
      out.add('sessionPolicy')
      break
    case 'resource':
      out.add('resourcePolicy')
      break
    case 'identity':
    case 'root':
    case 'none':
      break
    default: {
      const unreachable: never = d.by
      void unreachable
    }
  }
  return out
}

const REASONS: Array<{ pattern: RegExp; because: Because[] }> = [
  { pattern: /because no identity-based policy allows/, because: ['implicitDeny'] },
  { pattern: /with an explicit deny in an identity-based policy/, because: ['explicitDeny'] },
  { pattern: /because no resource-based policy allows/, because: ['resourcePolicy'] },
  { pattern: /with an explicit deny in a resource-based policy/, because: ['explicitDeny', 'resourcePolicy'] },
  { pattern: /because no permissions boundary allows/, because: ['permissionsBoundary'] },
  { pattern: /with an explicit deny in a permissions boundary/, because: ['explicitDeny', 'permissionsBoundary'] },
  { pattern: /because no session policy allows/, because: ['sessionPolicy'] },
  { pattern: /with an explicit deny in a session policy/, because: ['explicitDeny', 'sessionPolicy'] },
  { pattern: /with an explicit deny in a (service|resource) control policy/, because: ['explicitDeny'] },
  // IAM User Guide, troubleshoot_access-denied (role trust policies).
  { pattern: /because no role trust policy allows/, because: ['trustPolicy'] },
  { pattern: /with an explicit deny in the role trust policy/, because: ['explicitDeny', 'trustPolicy'] },
]

/** The reasons an AWS denial message states; empty when it states none (older format, cross-account, AssumeRole). */
export function becauseFromMessage(message: string): Set<Because> {
  const out = new Set<Because>()
  for (const r of REASONS) if (r.pattern.test(message)) for (const b of r.because) out.add(b)
  return out
}

/** One line naming the decision: `ImplicitDeny by identity: no statement allows s3:ListAllMyBuckets`. */
export function describeDecision(d: DecisionTrace): string {
  const head = `${d.decision} (decided by ${d.by === 'none' ? 'no' : d.by} policy)`
  const misses = describeConditionMisses(d)
  if (d.summary) return `${head}: ${d.summary}${misses}`
  const matched = (d.matched ?? []).map((m) => `${m.policy} ${m.sid ? `statement "${m.sid}" (#${m.index + 1})` : `statement #${m.index + 1}`}`)
  return (matched.length > 0 ? `${head}: matched ${matched.join(', ')}` : head) + misses
}

const WHY: Record<string, string> = {
  absent: 'the request has no value for the key',
  present: 'the request has a value for the key but Null wants none',
  mismatch: "the request's value does not match",
  unresolved: 'a policy variable in its values has no value in this request',
}

/** `; conditions not met: Allow statement "Team" (#1) of user/u/inline/P: StringEquals aws:PrincipalTag/team (the request has no value for the key)`. */
function describeConditionMisses(d: DecisionTrace): string {
  const list = d.conditions ?? []
  if (list.length === 0) return ''
  const parts = list.map((c) => {
    const which = c.sid ? `statement "${c.sid}" (#${c.index + 1})` : `statement #${c.index + 1}`
    const why = Object.prototype.hasOwnProperty.call(WHY, c.why) ? WHY[c.why] : c.why
    return `${c.effect ? `${c.effect} ` : ''}${which} of ${c.policy}: ${c.operator} ${c.key} (${why})`
  })
  return `; conditions not met: ${parts.join('; ')}`
}
