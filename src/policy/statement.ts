/**
 * Does one statement apply to a request? Order of checks: action, resource, principal,
 * conditions (all must hold). The fast path returns a grant level; `explainStatement` says why a
 * statement did not apply.
 */
import type { RequestPrincipal, StatementMiss } from './types.js'
import type { CompiledStatement } from './compiled.js'
import type { RequestContext } from './context.js'
import { matchAction } from './action.js'
import { matchArnPattern } from './arn.js'
import { GRANT_DIRECT, GRANT_NONE, notPrincipalApplies, principalGrant, type GrantLevel } from './principal.js'
import { conditionMissOf, describeConditionMiss, evalCondition } from './conditions/evaluate.js'

/** What a statement is matched against. */
export interface MatchEnv {
  /** Lower-cased `service:action`. */
  actionLower: string
  /** Action as requested (for messages). */
  action: string
  serviceLower: string
  resource: string
  principal: RequestPrincipal
  ctx: RequestContext
  /** The principal has a permissions boundary (a NotPrincipal Deny then always applies). */
  hasBoundary?: boolean
}

function actionApplies(st: CompiledStatement, env: MatchEnv): boolean {
  return matchAction(st.actions, env.actionLower) !== st.notAction
}

function resourceApplies(st: CompiledStatement, env: MatchEnv): boolean {
  if (st.resources === null) return true
  let hit = false
  for (const p of st.resources) {
    if (p.any || matchArnPattern(p, env.resource, env.ctx.single)) {
      hit = true
      break
    }
  }
  return hit !== st.notResource
}

function principalLevel(st: CompiledStatement, env: MatchEnv): GrantLevel {
  if (st.principal === null) return GRANT_DIRECT
  if (st.notPrincipal) {
    // IAM User Guide, permissions boundaries, "Important": a Deny with NotPrincipal always
    // denies a principal that has a permissions boundary, whatever NotPrincipal lists.
    if (st.effect === 'Deny' && env.hasBoundary) return GRANT_DIRECT
    return notPrincipalApplies(st.principal, env.principal) ? GRANT_DIRECT : GRANT_NONE
  }
  return principalGrant(st.principal, env.principal)
}

/** 0 when the statement does not apply; otherwise how strongly its principal names the caller. */
export function statementApplies(st: CompiledStatement, env: MatchEnv): GrantLevel {
  if (!actionApplies(st, env)) return GRANT_NONE
  if (!resourceApplies(st, env)) return GRANT_NONE
  const level = principalLevel(st, env)
  if (level === GRANT_NONE) return GRANT_NONE
  for (const c of st.conditions) if (!evalCondition(c, env.ctx)) return GRANT_NONE
  return level
}

const list = (xs: readonly string[]) => `[${xs.join(', ')}]`

function describePrincipal(st: CompiledStatement): string {
  const b = st.principal!.block
  return b === '*' ? '"*"' : JSON.stringify(b)
}

/** Why a statement does not apply, or undefined when it does. */
export function explainStatement(st: CompiledStatement, env: MatchEnv): Pick<StatementMiss, 'reason' | 'detail' | 'condition'> | undefined {
  if (!actionApplies(st, env)) {
    return {
      reason: 'action',
      detail: st.notAction
        ? `action ${env.action} is excluded by NotAction ${list(st.actions.source)}`
        : `action ${env.action} is not in Action ${list(st.actions.source)}`,
    }
  }
  if (!resourceApplies(st, env)) {
    const src = st.resources!.map((r) => r.source)
    return {
      reason: 'resource',
      detail: st.notResource
        ? `resource ${env.resource} is excluded by NotResource ${list(src)}`
        : `resource ${env.resource} is not in Resource ${list(src)}`,
    }
  }
  if (principalLevel(st, env) === GRANT_NONE) {
    return {
      reason: 'principal',
      detail: st.notPrincipal
        ? `principal ${env.principal.arn} is exempted by NotPrincipal ${describePrincipal(st)}`
        : `principal ${env.principal.arn} is not named in Principal ${describePrincipal(st)}`,
    }
  }
  for (const c of st.conditions) {
    if (!evalCondition(c, env.ctx)) return { reason: 'condition', detail: describeConditionMiss(c, env.ctx), condition: conditionMissOf(c, env.ctx) }
  }
  return undefined
}
