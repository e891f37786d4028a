import type { IamInputs } from '../../../../aws-model/inputs.generated.js'
import { evaluate } from '../../../../policy/index.js'
import type { ContextValue, Decision, RequestPrincipal } from '../../../../policy/types.js'
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

/** CallerArn names an IAM user of the account: the simulated request comes from that user. */
export function callerPrincipal(account: AccountState, arn: string): RequestPrincipal {
  const name = arn.slice(arn.lastIndexOf('/') + 1)
  const user = account.users.get(key(name))
  if (!/^arn:aws:iam::\d{12}:user\//.test(arn) || !user || user.arn.toLowerCase() !== arn.toLowerCase()) {
    throw iamErrors.invalidInput(`Invalid CallerArn: ${arn}`)
  }
  return holderPrincipal(account, { kind: 'user', user })
}

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

/** Evaluate every (action, resource) pair and page the EvaluationResults. */
export function simulate(plan: SimulationPlan, input: SimulationInput) {
  const resourcePolicy = input.ResourcePolicy !== undefined ? inputSource(input.ResourcePolicy, 'ResourcePolicy', 'resource') : undefined
  const sources = new Map<string, SimSource>()
  for (const s of [...plan.identity, ...(plan.boundary ? [plan.boundary] : []), ...(resourcePolicy ? [resourcePolicy] : [])]) {
    sources.set(s.source.id, s)
  }
  const context: Record<string, ContextValue> = contextFromEntries(input.ContextEntries)
  const resources = input.ResourceArns && input.ResourceArns.length > 0 ? input.ResourceArns : ['*']
  const results = []
  for (const action of input.ActionNames) {
    for (const resource of resources) {
      const request = {
        principal: plan.principal,
        action,
        resource,
        context,
        ...(input.ResourceOwner ? { resourceAccount: input.ResourceOwner.split(':')[4] || input.ResourceOwner } : {}),
      }
      const decision = evaluate({
        request,
        identityPolicies: plan.identity.map((s) => s.source),
        ...(resourcePolicy ? { resourcePolicy: resourcePolicy.source } : {}),
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
