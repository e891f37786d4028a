/**
 * The request context as conditions and variables see it: keys are case-insensitive; values are
 * normalised to strings (numbers in decimal, booleans as `true`/`false`); an empty list counts
 * as absent. Principal keys (`aws:username`, `aws:userid`, `aws:PrincipalArn`,
 * `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:PrincipalTag/*`) are derived from the
 * principal unless the caller supplied them explicitly.
 */
import type { AuthorizationRequest, ContextValue } from './types.js'

function normalise(v: ContextValue | undefined): string[] | undefined {
  if (v === undefined || v === null) return undefined
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined
    return v.map((x) => (typeof x === 'string' ? x : String(x)))
  }
  return [typeof v === 'string' ? v : String(v)]
}

/** Lazily built, case-insensitive view of one request's condition keys. */
export class RequestContext {
  private map: Map<string, string[]> | undefined
  /** Original spelling of each key, for explanations. */
  private names: Map<string, string> | undefined

  constructor(private readonly request: AuthorizationRequest) {}

  private build(): Map<string, string[]> {
    const map = new Map<string, string[]>()
    const names = new Map<string, string>()
    const set = (k: string, v: ContextValue | undefined) => {
      const n = normalise(v)
      const lk = k.toLowerCase()
      if (n) {
        map.set(lk, n)
        names.set(lk, k)
      }
    }
    const p = this.request.principal
    if (p.type === 'User' && p.username !== undefined) set('aws:username', p.username)
    if (p.type !== 'Anonymous' && p.type !== 'Service') {
      set('aws:userid', p.userId)
      set('aws:PrincipalAccount', p.accountId)
      set('aws:PrincipalType', p.type)
      set('aws:PrincipalArn', p.type === 'AssumedRole' ? (p.roleArn ?? p.arn) : p.arn)
      if (p.tags) for (const [k, v] of Object.entries(p.tags)) set(`aws:PrincipalTag/${k}`, v)
    }
    if (p.type === 'Service' && p.service) set('aws:PrincipalServiceName', p.service)
    const ra = this.request.resourceAccount ?? p.accountId
    if (ra && ra !== 'aws') set('aws:ResourceAccount', ra)
    // Explicit context wins over derived values; an explicit `undefined` removes a derived key.
    const ctx = this.request.context
    if (ctx) {
      for (const k of Object.keys(ctx)) {
        const lk = k.toLowerCase()
        const n = normalise(ctx[k])
        if (n) {
          map.set(lk, n)
          names.set(lk, k)
        } else {
          map.delete(lk)
        }
      }
    }
    this.map = map
    this.names = names
    return map
  }

  /** All values of a key (lower-cased name); undefined when absent. */
  get(keyLower: string): string[] | undefined {
    return (this.map ?? this.build()).get(keyLower)
  }

  /** The single value of a key, for policy variables; undefined when absent or multivalued. */
  readonly single = (keyLower: string): string | undefined => {
    const v = (this.map ?? this.build()).get(keyLower)
    return v && v.length === 1 ? v[0] : undefined
  }

  /** Original spelling of a present key. */
  nameOf(keyLower: string): string | undefined {
    if (!this.map) this.build()
    return this.names!.get(keyLower)
  }
}
