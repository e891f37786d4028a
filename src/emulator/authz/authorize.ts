import type { AuthorizationRequest, ContextValue, Decision, EvaluationInput, PolicySource, RequestPrincipal } from '../../policy/types.js'
import { sessionRole } from '../auth/principal.js'
import type { Incoming } from '../incoming.js'
import { AwsServiceError, type Caller } from '../services/types.js'
import type { EmulatorState } from '../state/model.js'
import { collectPolicySources, sessionPolicySources, type PrincipalPolicies } from './collect.js'
import { compileText, denialText, evaluatePolicies, type DenialStyle } from './engine.js'
import { dict, dictOf } from '../../safe-object.js'
import { encodeDenial, encodedMessageOf } from './encoded-message.js'

/** One authorization question, with everything beyond the caller's own policies. */
export interface AuthzRequest {
  action: string
  resource: string
  resourceAccount?: string
  context?: Record<string, ContextValue | undefined>
  /** Bucket policy JSON text. */
  resourcePolicy?: string
  /** Trust policy JSON text (sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity). */
  trustPolicy?: { id: string; text: string }
  /**
   * A permission the account grants without a policy (the password policy's
   * AllowUsersToChangePassword): it stands for the missing identity Allow. Explicit denies,
   * boundaries and session policies still apply. The text explains the decision.
   */
  accountGrant?: string
}

/** How denials are worded for this request. */
export interface DenialOptions {
  style: DenialStyle
  /** S3 cross-account and anonymous requests get a plain `Access Denied`. */
  plain?: boolean
  /** Override the whole message (AssumeRole uses AWS's trust wording). */
  message?: (decision: Decision, request: AuthorizationRequest) => string
  /** The resource as the message names it, when not the ARN (IAM: `policy MyPolicy`, `role R`; `*` is then printed). */
  resource?: string
}

/** Global condition keys of a request that do not come from the principal. */
export function requestContext(inc: Incoming, region: string, caller: Caller | undefined): Record<string, ContextValue> {
  const ctx = dict<ContextValue>()
  ctx['aws:CurrentTime'] = new Date(inc.now).toISOString().replace(/\.\d{3}Z$/, 'Z')
  ctx['aws:EpochTime'] = Math.floor(inc.now / 1000)
  ctx['aws:SecureTransport'] = inc.secure
  ctx['aws:RequestedRegion'] = region
  if (inc.sourceIp) ctx['aws:SourceIp'] = inc.sourceIp
  const s = caller?.session
  if (s) {
    ctx['aws:MultiFactorAuthPresent'] = s.mfa
    if (s.mfa && s.mfaAuthTime !== undefined) ctx['aws:MultiFactorAuthAge'] = Math.max(0, Math.floor((inc.now - s.mfaAuthTime) / 1000))
    ctx['aws:TokenIssueTime'] = new Date(s.createDate).toISOString().replace(/\.\d{3}Z$/, 'Z')
    if (s.sourceIdentity) ctx['aws:SourceIdentity'] = s.sourceIdentity
    if (s.federatedProvider) ctx['aws:FederatedProvider'] = s.federatedProvider
  }
  return ctx
}

/** The caller's identity policies, boundary and session policies effective at `now`. */
export function callerPolicies(state: EmulatorState, caller: Caller, now: number): PrincipalPolicies {
  if (caller.kind === 'root' || caller.principal.type === 'Account') return { identity: [] }
  const session = caller.session
  if (session?.kind === 'assumed-role') {
    const role = sessionRole(state, session)
    // The role was deleted (perhaps re-created under the same name: another role, another id).
    // Its policies are gone with it, and grants to the old role's id must not reach the session.
    if (!role) return { identity: [], revoked: `the role ${session.roleArn} of this session no longer exists (role id ${session.roleId})` }
    const base = collectPolicySources(state, caller.account, { kind: 'role', role }, now)
    const sessionPolicies = sessionPolicySources(state, session)
    return sessionPolicies ? { ...base, session: sessionPolicies } : base
  }
  if (session?.kind === 'federation-token') {
    // The intersection of the user's policies and the session policies; with no session
    // policy, no permissions (STS API Reference, GetFederationToken). Root's federated users
    // are not modelled beyond their session policies.
    const sessionPolicies = sessionPolicySources(state, session)
    const owner = session.userName !== undefined ? caller.account.users.get(session.userName.toLowerCase()) : undefined
    if (!sessionPolicies?.length || !owner) return { identity: [] }
    return { ...collectPolicySources(state, caller.account, { kind: 'user', user: owner }, now), session: sessionPolicies }
  }
  const user = caller.principal.username ? caller.account.users.get(caller.principal.username.toLowerCase()) : undefined
  return user ? collectPolicySources(state, caller.account, { kind: 'user', user }, now) : { identity: [] }
}

function resourceSource(text: string | undefined, id: string, name: string, kind: 'resource' | 'trust'): PolicySource | undefined {
  if (text === undefined) return undefined
  const compiled = compileText(text, kind)
  return compiled.ok ? { id, name, origin: 'resource', policy: compiled.policy } : undefined
}

/**
 * Decide `req` for `principal` (policies from `policies`); record the decision; throw AWS's
 * AccessDenied when it is not Allowed.
 */
export function authorizeRequest(
  principal: RequestPrincipal,
  policies: PrincipalPolicies,
  req: AuthzRequest,
  baseContext: Record<string, ContextValue>,
  denial: DenialOptions,
  record: (d: Decision) => void,
): Decision {
  const request: AuthorizationRequest = {
    principal,
    action: req.action,
    resource: req.resource,
    ...(req.resourceAccount ? { resourceAccount: req.resourceAccount } : {}),
    // Condition keys chosen by the request (tags, context entries): a prototype-free record.
    context: dictOf<ContextValue | undefined>(baseContext, req.context),
  }
  const input: EvaluationInput = {
    request,
    identityPolicies: policies.identity,
    ...(policies.boundary ? { boundary: policies.boundary } : {}),
    ...(policies.session ? { sessionPolicies: policies.session } : {}),
  }
  if (!policies.revoked) {
    const resourcePolicy = resourceSource(req.resourcePolicy, `${req.resource}/policy`, 'bucket policy', 'resource')
    if (resourcePolicy) input.resourcePolicy = resourcePolicy
    if (req.trustPolicy) {
      const trust = resourceSource(req.trustPolicy.text, req.trustPolicy.id, 'trust policy', 'trust')
      if (trust) input.trustPolicy = trust
    }
  }
  let evaluated = evaluatePolicies(input)
  if (req.accountGrant !== undefined && !policies.revoked && evaluated.decision === 'ImplicitDeny' && evaluated.by === 'identity') {
    evaluated = granted(evaluated, req.accountGrant)
  }
  const decision = policies.revoked ? withSummary(evaluated, `${evaluated.summary} (${policies.revoked})`) : evaluated
  if (decision.decision !== 'Allowed') encodeDenial(decision, request)
  record(decision)
  if (decision.decision !== 'Allowed') {
    const message = denial.message
      ? denial.message(decision, request)
      : denial.plain
        ? 'Access Denied'
        : denialText(decision, denial.resource !== undefined ? { ...request, resource: denial.resource } : request, denial.style, { showStar: denial.resource === '*' })
    throw new AwsServiceError('AccessDenied', 403, message)
  }
  return decision
}

/**
 * The decision with another summary. Not a spread: `misses` and `missingContextKeys` are lazy
 * getters of the evaluated decision, and a spread would drop them.
 */
function withSummary(d: Decision, summary: string): Decision {
  return {
    decision: d.decision,
    by: d.by,
    matched: d.matched,
    summary,
    get misses() {
      return d.misses
    },
    get missingContextKeys() {
      return d.missingContextKeys
    },
  }
}

/** An implicit deny turned into an Allow by an account-level grant (see AuthzRequest.accountGrant). */
function granted(d: Decision, why: string): Decision {
  return {
    decision: 'Allowed',
    by: 'identity',
    matched: d.matched,
    summary: `Allowed: ${why}`,
    get misses() {
      return d.misses
    },
    get missingContextKeys() {
      return d.missingContextKeys
    },
  }
}

/** At most this many failed conditions travel in the header. */
const MAX_CONDITION_MISSES = 10

function conditionMisses(decision: Decision): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = []
  for (const m of decision.misses) {
    if (!m.condition) continue
    out.push({ policy: m.policyId, ...(m.sid !== undefined ? { sid: m.sid } : {}), index: m.index, effect: m.effect, ...m.condition })
    if (out.length >= MAX_CONDITION_MISSES) break
  }
  return out
}

/** The `x-iamflow-decision` header value: the decision without secrets, ASCII only (header-safe). */
export function decisionHeader(decision: Decision): string {
  return JSON.stringify({
    decision: decision.decision,
    by: decision.by,
    matched: decision.matched.map((m) => ({ policy: m.policyId, ...(m.sid !== undefined ? { sid: m.sid } : {}), index: m.index })),
    summary: decision.summary,
    ...(encodedMessageOf(decision) !== undefined ? { encodedMessage: encodedMessageOf(decision) } : {}),
    // Near misses of a denial: statements that applied but for a condition (read lazily, so an
    // allowed request does not pay for them).
    ...(decision.decision === 'Allowed' ? {} : { conditions: conditionMisses(decision) }),
  }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
