/** One-line summaries of decisions (for `Decision.summary`). */
import type { DecidedBy, Decision, EvaluationInput, StatementRef } from './types.js'

const KIND_NAME: Record<StatementRef['policyKind'], string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  trust: 'trust policy',
  boundary: 'permissions boundary',
  session: 'session policy',
}

/**
 * `statement "Sid" (#3) of identity-based policy "Name"`. Statements are numbered from 1, as
 * people count them and as AWS's policy editor and simulator show positions (line 1, column 1);
 * `ref.index` stays the 0-based position in the `Statement` list.
 */
export function describeRef(ref: StatementRef): string {
  const which = ref.sid ? `statement "${ref.sid}" (#${ref.index + 1})` : `statement #${ref.index + 1}`
  return `${which} of ${KIND_NAME[ref.policyKind]} "${ref.policyName}"`
}

/** The one-line summary of a decision. */
export function summarize(decision: Decision['decision'], by: DecidedBy, input: EvaluationInput, matched: readonly StatementRef[]): string {
  const { principal, action, resource } = input.request
  const target = resource === '*' ? action : `${action} on ${resource}`
  const firstOf = (kind: StatementRef['policyKind'], effect: 'Allow' | 'Deny') => matched.find((m) => m.policyKind === kind && m.effect === effect)
  if (decision === 'ExplicitDeny') {
    const ref = by === 'none' || by === 'root' ? undefined : firstOf(by, 'Deny')
    return `ExplicitDeny: ${ref ? describeRef(ref) : `a ${by} policy`} denies ${target}`
  }
  if (decision === 'Allowed') {
    switch (by) {
      case 'root':
        return `Allowed: the root user may perform ${target} in its own account`
      case 'identity':
      case 'resource':
      case 'trust': {
        const ref = firstOf(by, 'Allow')
        return `Allowed: ${ref ? describeRef(ref) : `a ${by} policy`} allows ${target} for ${principal.arn}`
      }
      default:
        return `Allowed: ${target}`
    }
  }
  switch (by) {
    case 'identity':
      return `ImplicitDeny: no identity-based policy allows ${target}`
    case 'boundary':
      return `ImplicitDeny: the permissions boundary does not allow ${target}`
    case 'session':
      return `ImplicitDeny: no session policy allows ${target}`
    case 'resource':
      return `ImplicitDeny: no resource-based policy allows ${target} for ${principal.arn}`
    case 'trust':
      return `ImplicitDeny: the trust policy does not allow ${principal.arn} to perform ${target}`
    default:
      return `ImplicitDeny: nothing allows ${target}`
  }
}
