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

/** A service's statements with more than this many get a resource-prefix index. */
const RESOURCE_INDEX_MIN = 16

/**
 * Where a statement's Resource patterns can match: the literal prefix of each pattern cut after
 * its last `:` or `/`. Undefined when it cannot be indexed (no Resource element, NotResource,
 * `*`, or a pattern whose literal prefix has no `:` or `/`).
 */
function resourceKeys(st: CompiledStatement): string[] | undefined {
  if (st.resources === null || st.notResource) return undefined
  const keys: string[] = []
  for (const p of st.resources) {
    if (p.any) return undefined
    const cut = Math.max(p.prefix.lastIndexOf(':'), p.prefix.lastIndexOf('/'))
    if (cut < 0) return undefined
    keys.push(p.prefix.slice(0, cut + 1))
  }
  return keys
}

// The prefixes of the last resource looked up: one request is looked up in every policy of
// the principal, and the same strings (their hashes cached by V8) serve them all.
let lastResource: string | undefined
let lastPrefixes: string[] = []

/** Every prefix of `resource` that ends with `:` or `/`, shortest first. */
function boundaryPrefixes(resource: string): string[] {
  if (resource === lastResource) return lastPrefixes
  const out: string[] = []
  for (let i = 0; i < resource.length; i++) {
    const c = resource.charCodeAt(i)
    if (c === 58 /* : */ || c === 47 /* / */) out.push(resource.slice(0, i + 1))
  }
  lastResource = resource
  lastPrefixes = out
  return out
}

/**
 * One service's statements split for lookup by resource: `always` must be checked for every
 * resource; `byKey` holds the others under each key, a prefix of every resource they can match
 * (a statement none of whose keys prefixes the resource cannot apply: its Resource misses).
 */
class ResourceIndex {
  readonly always: CompiledStatement[] = []
  readonly byKey = new Map<string, CompiledStatement[]>()
  maxKey = 0

  constructor(list: readonly CompiledStatement[]) {
    for (const st of list) {
      const keys = resourceKeys(st)
      if (!keys) {
        this.always.push(st)
        continue
      }
      for (const k of new Set(keys)) {
        const l = this.byKey.get(k)
        if (l) l.push(st)
        else this.byKey.set(k, [st])
        if (k.length > this.maxKey) this.maxKey = k.length
      }
    }
  }

  /** The statements that can apply to `resource`, in statement order. */
  lookup(resource: string): readonly CompiledStatement[] {
    let out: CompiledStatement[] | undefined
    for (const k of boundaryPrefixes(resource)) {
      if (k.length > this.maxKey) break
      const hit = this.byKey.get(k)
      if (hit) (out ??= [...this.always]).push(...hit)
    }
    if (!out) return this.always
    out.sort((a, b) => a.index - b.index)
    // A statement with two patterns whose keys both prefix the resource is listed twice.
    return out.filter((st, i) => i === 0 || out[i - 1] !== st)
  }
}

/** Implementation of {@link CompiledPolicy}; `statements` and `candidates` are engine-internal. */
export class CompiledPolicyImpl implements CompiledPolicy {
  readonly statementCount: number
  private readonly byService = new Map<string, CompiledStatement[]>()
  private readonly wild: CompiledStatement[] = []
  private readonly byResource = new Map<string, ResourceIndex>()

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
      if (merged.length > RESOURCE_INDEX_MIN) this.byResource.set(svc, new ResourceIndex(merged))
    }
  }

  /** Statements whose Action/NotAction could match an action of `serviceLower`, in order. */
  candidates(serviceLower: string): readonly CompiledStatement[] {
    return this.byService.get(serviceLower) ?? this.wild
  }

  /**
   * The candidates for `serviceLower` that can apply to `resource`: the same as `candidates`
   * less statements whose every Resource pattern has a literal prefix the resource lacks.
   */
  candidatesFor(serviceLower: string, resource: string): readonly CompiledStatement[] {
    const index = this.byResource.get(serviceLower)
    return index ? index.lookup(resource) : this.candidates(serviceLower)
  }
}
