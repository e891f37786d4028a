/**
 * The request context as conditions and variables see it: keys are case-insensitive; values are
 * normalised to strings (numbers in decimal, booleans as `true`/`false`); an empty list counts
 * as absent. Principal keys (`aws:username`, `aws:userid`, `aws:PrincipalArn`,
 * `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:PrincipalTag/*`, `aws:PrincipalServiceName`)
 * and `aws:ResourceAccount` are derived from the request unless the caller supplied them
 * explicitly (an explicit `undefined` removes a derived key). Lookups are lazy and memoised:
 * evaluation only pays for the keys its policies mention.
 */
import type { AuthorizationRequest, ContextValue } from './types.js'
import { hasOwnKey } from '../safe-object.js'

const ABSENT: readonly string[] = []

function normalise(v: ContextValue | undefined): readonly string[] {
  if (v === undefined || v === null) return ABSENT
  if (Array.isArray(v)) return v.length === 0 ? ABSENT : v.map((x) => (typeof x === 'string' ? x : String(x)))
  return [typeof v === 'string' ? v : String(v)]
}

const TAG_PREFIX = 'aws:principaltag/'

/** Lazily evaluated, case-insensitive view of one request's condition keys. */
export class RequestContext {
  private tags: Map<string, string> | undefined
  private readonly memo = new Map<string, readonly string[]>()

  constructor(private readonly request: AuthorizationRequest) {}

  /**
   * The caller's spelling of a key, matched case-insensitively (no per-request index is built).
   * Own keys only: a key the context merely inherits is not in the request.
   */
  private explicitKey(keyLower: string, written: string | undefined): string | undefined {
    const ctx = this.request.context
    if (!ctx) return undefined
    if (written !== undefined && hasOwnKey(ctx, written)) return written
    for (const k of Object.keys(ctx)) if (k.length === keyLower.length && k.toLowerCase() === keyLower) return k
    return undefined
  }

  private derived(keyLower: string): string | undefined {
    const p = this.request.principal
    const person = p.type !== 'Anonymous' && p.type !== 'Service'
    switch (keyLower) {
      case 'aws:username':
        return p.type === 'User' ? p.username : undefined
      case 'aws:userid':
        return person ? p.userId : undefined
      case 'aws:principalaccount':
        return person ? p.accountId : undefined
      case 'aws:principaltype':
        return person ? p.type : undefined
      case 'aws:principalarn':
        return person ? (p.type === 'AssumedRole' ? (p.roleArn ?? p.arn) : p.arn) : undefined
      case 'aws:principalservicename':
        return p.type === 'Service' ? p.service : undefined
      case 'aws:resourceaccount': {
        const ra = this.request.resourceAccount ?? p.accountId
        return ra && ra !== 'aws' ? ra : undefined
      }
      default:
        if (person && p.tags && keyLower.startsWith(TAG_PREFIX)) {
          if (!this.tags) {
            this.tags = new Map()
            for (const [k, v] of Object.entries(p.tags)) this.tags.set(k.toLowerCase(), v)
          }
          return this.tags.get(keyLower.slice(TAG_PREFIX.length))
        }
        return undefined
    }
  }

  private lookup(keyLower: string, written?: string): readonly string[] {
    let v = this.memo.get(keyLower)
    if (v === undefined) {
      const k = this.explicitKey(keyLower, written)
      if (k !== undefined) v = normalise(this.request.context![k])
      else {
        const d = this.derived(keyLower)
        v = d === undefined ? ABSENT : [d]
      }
      this.memo.set(keyLower, v)
    }
    return v
  }

  /**
   * All values of a key (lower-cased name); undefined when absent. `written` is the key as the
   * policy spells it, tried first as an exact property name.
   */
  get(keyLower: string, written?: string): readonly string[] | undefined {
    const v = this.lookup(keyLower, written)
    return v.length === 0 ? undefined : v
  }

  /** The single value of a key, for policy variables; undefined when absent or multivalued. */
  readonly single = (keyLower: string): string | undefined => {
    const v = this.lookup(keyLower)
    return v.length === 1 ? v[0] : undefined
  }
}
