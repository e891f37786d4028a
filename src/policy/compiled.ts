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

/** Every prefix of `resource` that ends with `:` or `/`, shortest first (the last resource's are kept). */
function boundaryPrefixes(resource: string): string[] {
  if (resource === lastResource) return lastPrefixes
  lastPrefixes = boundaryPrefixesOf(resource)
  lastResource = resource
  return lastPrefixes
}

/** Candidate lists kept per longest matching key (see {@link ResourceIndex.lookup}), at most this many per index. */
const MERGED_MAX = 256

/**
 * One service's statements split for lookup by resource: `always` must be checked for every
 * resource; `byKey` holds the others under each key, a prefix of every resource they can match
 * (a statement none of whose keys prefixes the resource cannot apply: its Resource misses).
 */
class ResourceIndex {
  readonly always: CompiledStatement[] = []
  readonly byKey = new Map<string, CompiledStatement[]>()
  maxKey = 0
  /**
   * The candidates of every resource whose longest key is the map's key. Keys are boundary
   * prefixes (they end at a `:` or `/`), so the keys prefixing a resource are exactly the keys
   * prefixing its longest one: that key alone decides the list, which is merged and sorted once.
   */
  private readonly merged = new Map<string, readonly CompiledStatement[]>()

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
    const prefixes = boundaryPrefixes(resource)
    for (let i = prefixes.length - 1; i >= 0; i--) {
      const k = prefixes[i]!
      if (k.length > this.maxKey || !this.byKey.has(k)) continue
      const known = this.merged.get(k)
      if (known) return known
      const list = this.mergeUnder(k)
      if (this.merged.size < MERGED_MAX) this.merged.set(k, list)
      return list
    }
    return this.always
  }

  /** `always` and the statements of every key that prefixes `longest` (itself included), in order, once each. */
  private mergeUnder(longest: string): readonly CompiledStatement[] {
    const out = [...this.always]
    for (const k of boundaryPrefixesOf(longest)) {
      const hit = this.byKey.get(k)
      if (hit) out.push(...hit)
    }
    out.sort((a, b) => a.index - b.index)
    // A statement with two patterns whose keys both prefix the resource is listed twice.
    return out.filter((st, i) => i === 0 || out[i - 1] !== st)
  }
}

/** Every prefix of `text` that ends with `:` or `/`, shortest first (text itself when it ends so). Not memoised. */
function boundaryPrefixesOf(text: string): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 58 /* : */ || c === 47 /* / */) out.push(text.slice(0, i + 1))
  }
  return out
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
