/** The compiled form of a policy: statements with prebuilt matchers, indexed by service prefix. */
import type { CompiledPolicy, PolicyDocument, PolicyKind } from './types.js'
import type { ActionSet } from './action.js'
import type { ArnPattern } from './arn.js'
import type { PrincipalMatcher } from './principal.js'
import type { CompiledCondition } from './conditions/evaluate.js'
import type { NormalizedPolicy } from './validate.js'

/** One statement, ready to evaluate. */
export interface CompiledStatement {
  index: number
  sid?: string
  effect: 'Allow' | 'Deny'
  actions: ActionSet
  notAction: boolean
  /** null when the statement has no Resource element (trust policies). */
  resources: ArnPattern[] | null
  notResource: boolean
  principal: PrincipalMatcher | null
  notPrincipal: boolean
  conditions: CompiledCondition[]
}

/** Implementation of {@link CompiledPolicy}; `statements` and `candidates` are engine-internal. */
export class CompiledPolicyImpl implements CompiledPolicy {
  readonly statementCount: number
  private readonly byService = new Map<string, CompiledStatement[]>()
  private readonly wild: CompiledStatement[] = []

  constructor(
    readonly kind: PolicyKind,
    readonly version: '2012-10-17' | '2008-10-17',
    readonly document: PolicyDocument,
    readonly statements: readonly CompiledStatement[],
    /** The validated, normalised document. */
    readonly normalized: NormalizedPolicy,
  ) {
    this.statementCount = statements.length
    const buckets = new Map<string, CompiledStatement[]>()
    for (const st of statements) {
      const svcs = st.notAction ? null : st.actions.services
      if (svcs === null) this.wild.push(st)
      else for (const s of svcs) (buckets.get(s) ?? buckets.set(s, []).get(s)!).push(st)
    }
    for (const [svc, list] of buckets) {
      const merged = [...new Set([...list, ...this.wild])].sort((a, b) => a.index - b.index)
      this.byService.set(svc, merged)
    }
  }

  /** Statements whose Action/NotAction could match an action of `serviceLower`, in order. */
  candidates(serviceLower: string): readonly CompiledStatement[] {
    return this.byService.get(serviceLower) ?? this.wild
  }
}
