import type { IamInputs } from '../../../../aws-model/inputs.generated.js'
import { evaluate } from '../../../../policy/index.js'
import type { ContextValue, Decision, PolicyKind, RequestPrincipal } from '../../../../policy/types.js'
import type { AccountState } from '../../../state/model.js'
import { iamErrors } from '../errors.js'
import { paginateInOrder } from '../paginate.js'
import { key } from '../store.js'
import { contextFromEntries } from './context-entries.js'
import { holderPrincipal, inputSource, type SimSource } from './sources.js'
import { statementSpans } from './statement-positions.js'

/** The evaluation behind SimulatePrincipalPolicy and SimulateCustomPolicy. */

/** The members both simulations share, typed from the model. */
export type SimulationInput = IamInputs['SimulatePrincipalPolicy'] | IamInputs['SimulateCustomPolicy']

export interface SimulationPlan {
  principal: RequestPrincipal
  identity: SimSource[]
  boundary?: SimSource
}

const DECISION: Record<Decision['decision'], 'allowed' | 'explicitDeny' | 'implicitDeny'> = {
  Allowed: 'allowed',
  ExplicitDeny: 'explicitDeny',
  ImplicitDeny: 'implicitDeny',
}

/**
 * CallerArn names an IAM user (botocore: "You can specify only the ARN of an IAM user"); the
 * simulated request comes from that user. The user need not exist (AWS does not say it must, and
 * the simulator is built for resources that don't exist): an unknown user is simulated by ARN.
 * The text for a non-user ARN is ours (unconfirmed; docs/fidelity.md).
 */
export function callerPrincipal(account: AccountState, arn: string): RequestPrincipal {
  const m = /^arn:aws:iam::(\d{12}):user\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/.exec(arn)
  if (!m) throw iamErrors.invalidInput(`Invalid CallerArn: ${arn}`)
  const user = account.users.get(key(m[2]!))
  if (user && user.arn.toLowerCase() === arn.toLowerCase()) return holderPrincipal(account, { kind: 'user', user })
  return { type: 'User', arn, accountId: m[1]!, userId: 'AIDASIMULATEDCALLER01', username: m[2]! }
}

/** `sts:AssumeRole`, `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity`: decided by a trust policy. */
const isAssumeRole = (action: string) => action.toLowerCase().startsWith('sts:assumerole')
/** `kms:*`: decided by a key policy, which, like a trust policy, must itself allow (KMS Developer Guide). */
const isKms = (action: string) => action.toLowerCase().startsWith('kms:')
/** No permission is needed (STS API Reference: "even if ... explicitly denies"): the simulator says so too. */
const needsNoPermission = (action: string) => action.toLowerCase() === 'sts:getcalleridentity'

function matchedStatements(decision: Decision, sources: Map<string, SimSource>) {
  const wanted = decision.decision === 'ExplicitDeny' ? 'Deny' : decision.decision === 'Allowed' ? 'Allow' : undefined
  if (!wanted) return []
  return decision.matched
    .filter((m) => m.effect === wanted && m.policyKind !== 'boundary')
    .map((m) => {
      const s = sources.get(m.policyId)
      const span = s ? statementSpans(s.text)[m.index] : undefined
      return {
        SourcePolicyId: s?.sourcePolicyId ?? m.policyName,
        SourcePolicyType: s?.sourcePolicyType ?? 'none',
        ...(span ?? {}),
      }
    })
}

/**
 * Evaluate every (action, resource) pair and page the EvaluationResults.
 *
 * A ResourcePolicy is used as AWS's evaluation logic uses that kind of policy (IAM User Guide,
 * policy evaluation logic: "IAM role trust policies and KMS key policies are exceptions ...
 * they must explicitly allow access for principals"): for `sts:AssumeRole*` it is a trust
 * policy (no Resource element needed) and for `kms:*` a key policy, and an identity Allow alone
 * never grants either. AWS's own simulator is reported to ignore ResourcePolicy for
 * `sts:Assume*` (aws/aws-cli#10314): a deliberate, documented difference (docs/fidelity.md).
 */
export function simulate(plan: SimulationPlan, input: SimulationInput) {
  const compiled = new Map<PolicyKind, SimSource>()
  const policyFor = (kind: PolicyKind): SimSource | undefined => {
    if (input.ResourcePolicy === undefined) return undefined
    let s = compiled.get(kind)
    if (!s) {
      s = inputSource(input.ResourcePolicy, 'ResourcePolicy', kind)
      compiled.set(kind, s)
    }
    return s
  }
  const sources = new Map<string, SimSource>()
  for (const s of [...plan.identity, ...(plan.boundary ? [plan.boundary] : [])]) sources.set(s.source.id, s)
  const context: Record<string, ContextValue> = contextFromEntries(input.ContextEntries)
  const resources = input.ResourceArns && input.ResourceArns.length > 0 ? input.ResourceArns : ['*']
  const results = []
  for (const action of input.ActionNames) {
    const assume = isAssumeRole(action)
    const sideSource = policyFor(assume ? 'trust' : 'resource')
    if (sideSource) sources.set(sideSource.source.id, sideSource)
    // The trust branch of the engine is "the resource side must allow by itself": trust and key policies.
    const side = sideSource ? (assume || isKms(action) ? { trustPolicy: sideSource.source } : { resourcePolicy: sideSource.source }) : {}
    for (const resource of resources) {
      const request = {
        principal: plan.principal,
        action,
        resource,
        context,
        ...(input.ResourceOwner ? { resourceAccount: input.ResourceOwner.split(':')[4] || input.ResourceOwner } : {}),
      }
      if (needsNoPermission(action)) {
        results.push({ EvalActionName: action, EvalResourceName: resource, EvalDecision: 'allowed' as const, MatchedStatements: [], MissingContextValues: [] })
        continue
      }
      const decision = evaluate({
        request,
        identityPolicies: plan.identity.map((s) => s.source),
        ...side,
        ...(plan.boundary ? { boundary: plan.boundary.source } : {}),
      })
      const boundaryDetail = plan.boundary
        ? {
            AllowedByPermissionsBoundary:
              evaluate({ request, identityPolicies: [plan.boundary.source] }).decision === 'Allowed',
          }
        : undefined
      results.push({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: DECISION[decision.decision],
        MatchedStatements: matchedStatements(decision, sources),
        MissingContextValues: decision.missingContextKeys,
        PermissionsBoundaryDecisionDetail: boundaryDetail,
      })
    }
  }
  const page = paginateInOrder(results, input)
  return { EvaluationResults: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker }
}
