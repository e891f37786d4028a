/**
 * `evaluate`: AWS's decision for one request (IAM User Guide "Policy evaluation logic",
 * "Cross-account policy evaluation logic", "Permissions boundaries", "Session policies";
 * spec 4.4, 4.7, 5.1, 5.7):
 *
 * 1. An explicit Deny in any applicable policy wins (reported in the order identity,
 *    resource/trust, boundary, session).
 * 2. The root user may do anything in its own account (only a resource-policy Deny stops it).
 * 3. Same account: a resource/trust policy naming the user or session ARN allows on its own;
 *    one naming the role is still limited by boundary and session policies; one naming the
 *    account delegates to identity policies. For sts:AssumeRole the trust policy must allow.
 * 4. Otherwise identity ∩ boundary ∩ session must allow; cross-account the resource side must
 *    allow too.
 */
import type { DecidedBy, Decision, EvaluationInput, PolicyKind, PolicySource, StatementRef } from './types.js'
import type { CompiledPolicyImpl } from './compiled.js'
import { RequestContext } from './context.js'
import { statementApplies, type MatchEnv } from './statement.js'
import { GRANT_DIRECT, GRANT_NONE, GRANT_ROLE, type GrantLevel } from './principal.js'
import { DecisionImpl } from './decision.js'
import { summarize } from './summary.js'

interface Scan {
  allow: boolean
  deny: boolean
  /** Strongest principal match among applying Allow statements (resource/trust policies). */
  grant: GrantLevel
}

const newScan = (): Scan => ({ allow: false, deny: false, grant: GRANT_NONE })
/** Shared result for policy types that take no part. */
const NONE: Readonly<Scan> = Object.freeze(newScan())

function scanPolicy(src: PolicySource, kind: PolicyKind, env: MatchEnv, matched: StatementRef[], scan: Scan): void {
  const pol = src.policy as CompiledPolicyImpl
  for (const st of pol.candidatesFor(env.serviceLower, env.resource)) {
    const level = statementApplies(st, env)
    if (level === GRANT_NONE) continue
    matched.push({ policyId: src.id, policyName: src.name, policyKind: kind, index: st.index, sid: st.sid, effect: st.effect })
    if (st.effect === 'Deny') scan.deny = true
    else {
      scan.allow = true
      if (level > scan.grant) scan.grant = level
    }
  }
}

function scanOne(src: PolicySource, kind: PolicyKind, env: MatchEnv, matched: StatementRef[]): Scan {
  const scan = newScan()
  scanPolicy(src, kind, env, matched, scan)
  return scan
}

function scanAll(list: readonly PolicySource[] | undefined, kind: PolicyKind, env: MatchEnv, matched: StatementRef[]): Scan {
  const scan = newScan()
  if (list) for (const src of list) scanPolicy(src, kind, env, matched, scan)
  return scan
}

/** Decides one request against every policy that applies to it. */
export function evaluate(input: EvaluationInput): Decision {
  const req = input.request
  const p = req.principal
  const colon = req.action.indexOf(':')
  const actionLower = req.action.toLowerCase()
  const env: MatchEnv = {
    actionLower,
    action: req.action,
    serviceLower: colon > 0 ? actionLower.slice(0, colon) : actionLower,
    resource: req.resource,
    principal: p,
    ctx: new RequestContext(req),
    hasBoundary: input.boundary !== undefined,
  }
  const matched: StatementRef[] = []
  const decide = (decision: Decision['decision'], by: DecidedBy) =>
    new DecisionImpl(decision, by, matched, input, env, () => summarize(decision, by, input, matched))

  const usesIdentity = p.type !== 'Account' && p.type !== 'Anonymous' && p.type !== 'Service'
  const identity = usesIdentity ? scanAll(input.identityPolicies, 'identity', env, matched) : NONE
  const resourceKind: 'trust' | 'resource' = input.trustPolicy ? 'trust' : 'resource'
  const resource = input.resourcePolicy ? scanOne(input.resourcePolicy, 'resource', env, matched) : NONE
  const trust = input.trustPolicy ? scanOne(input.trustPolicy, 'trust', env, matched) : NONE
  const hasBoundary = usesIdentity && input.boundary !== undefined
  const boundary = hasBoundary ? scanOne(input.boundary!, 'boundary', env, matched) : NONE
  const hasSession = usesIdentity && (input.sessionPolicies?.length ?? 0) > 0
  const session = hasSession ? scanAll(input.sessionPolicies, 'session', env, matched) : NONE

  // 1. Explicit deny anywhere.
  if (identity.deny) return decide('ExplicitDeny', 'identity')
  if (resource.deny) return decide('ExplicitDeny', 'resource')
  if (trust.deny) return decide('ExplicitDeny', 'trust')
  if (boundary.deny) return decide('ExplicitDeny', 'boundary')
  if (session.deny) return decide('ExplicitDeny', 'session')

  const resourceAccount = req.resourceAccount ?? p.accountId
  const cross = resourceAccount !== 'aws' && resourceAccount !== p.accountId
  // The resource side: the trust policy for sts:AssumeRole, else the bucket (resource) policy.
  const side = input.trustPolicy ? trust : resource
  const hasSide = input.trustPolicy !== undefined || input.resourcePolicy !== undefined

  // 2. Root user.
  if (p.type === 'Account') {
    if (!cross && !input.trustPolicy) return decide('Allowed', 'root')
    return side.allow ? decide('Allowed', resourceKind) : decide('ImplicitDeny', resourceKind)
  }
  // Callers without identity policies (anonymous, services, web identities) need a direct grant.
  if (!usesIdentity) return side.grant === GRANT_DIRECT ? decide('Allowed', resourceKind) : decide('ImplicitDeny', resourceKind)

  const boundaryOk = !hasBoundary || boundary.allow
  const sessionOk = !hasSession || session.allow
  const firstLimit = (): DecidedBy => (!boundaryOk ? 'boundary' : 'session')
  const identityPath = identity.allow && boundaryOk && sessionOk
  const identityFailure = (): DecidedBy => (!identity.allow ? 'identity' : firstLimit())

  if (input.trustPolicy) {
    if (side.grant === GRANT_NONE) return decide('ImplicitDeny', 'trust')
    if (!cross && side.grant === GRANT_DIRECT) return decide('Allowed', 'trust')
    if (!cross && side.grant === GRANT_ROLE) return boundaryOk && sessionOk ? decide('Allowed', 'trust') : decide('ImplicitDeny', firstLimit())
    return identityPath ? decide('Allowed', cross ? 'trust' : 'identity') : decide('ImplicitDeny', identityFailure())
  }
  if (cross) {
    if (!hasSide || side.grant === GRANT_NONE) return decide('ImplicitDeny', 'resource')
    return identityPath ? decide('Allowed', 'resource') : decide('ImplicitDeny', identityFailure())
  }
  if (identityPath) return decide('Allowed', 'identity')
  if (side.grant === GRANT_DIRECT) return decide('Allowed', 'resource')
  if (side.grant === GRANT_ROLE) return boundaryOk && sessionOk ? decide('Allowed', 'resource') : decide('ImplicitDeny', firstLimit())
  return decide('ImplicitDeny', identityFailure())
}
