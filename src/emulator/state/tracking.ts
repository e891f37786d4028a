/**
 * Which units a request may have changed, without the handlers saying so.
 *
 * The state's maps are instrumented (own `get`, `set`, `delete` and `clear` on each map
 * instance): within a request, every key looked up, stored or removed is noted in that
 * request's `Touches` (found through AsyncLocalStorage, so concurrent requests keep their own).
 * Handlers change entities they looked up by key, so the touched units are the candidates;
 * the store compares each candidate with what it last wrote (a hash) and journals the ones
 * that differ. Iterating a map does not touch its entries (a request that scans 100k keys
 * must not cost 100k comparisons): a handler that changes an entity found by iterating must
 * `set` it back (principal-rewrite.ts does), and test/reliability-state-journal.test.ts checks
 * after every request of a broad workload that a reload from disk equals memory.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { AccountState, BucketEntity, EmulatorState } from './model.js'
import type { UnitKind } from './units.js'

/** The units of one kind under one parent (one instrumented map). */
export interface Scope {
  readonly kind: UnitKind
  readonly parent?: string
  /** The store the map belongs to (one process may hold several emulators). */
  readonly owner: object
}

/** Keys touched by one request, per map. */
export class Touches {
  readonly byScope = new Map<Scope, Set<string>>()
  constructor(readonly owner: object) {}

  add(scope: Scope, key: string): void {
    if (scope.owner !== this.owner) return
    let keys = this.byScope.get(scope)
    if (!keys) this.byScope.set(scope, (keys = new Set()))
    keys.add(key)
  }
}

const current = new AsyncLocalStorage<Touches>()

/** Run `fn` (and everything it awaits) with `touches` collecting the keys it uses. */
export function withTouches<T>(touches: Touches, fn: () => T): T {
  return current.run(touches, fn)
}

const watched = new WeakSet<Map<string, unknown>>()

function touch(scope: Scope, key: unknown): void {
  if (typeof key === 'string') current.getStore()?.add(scope, key)
}

function define(map: object, name: string, fn: unknown): void {
  Object.defineProperty(map, name, { value: fn, writable: true, configurable: true, enumerable: false })
}

/**
 * Instrument `map` (once): its lookups, stores and removals are noted as touches of `scope`.
 * `onValue` sees every value stored (to instrument the maps a new account or bucket holds).
 */
export function watchMap<V>(map: Map<string, V>, scope: Scope, onValue?: (key: string, value: V) => void): void {
  if (watched.has(map as Map<string, unknown>)) return
  watched.add(map as Map<string, unknown>)
  const proto = Object.getPrototypeOf(map) as Map<string, V>
  const { get, set, delete: del, clear } = proto
  define(map, 'get', function (this: Map<string, V>, key: string) {
    touch(scope, key)
    return get.call(this, key)
  })
  define(map, 'set', function (this: Map<string, V>, key: string, value: V) {
    touch(scope, key)
    onValue?.(key, value)
    return set.call(this, key, value)
  })
  define(map, 'delete', function (this: Map<string, V>, key: string) {
    touch(scope, key)
    return del.call(this, key)
  })
  define(map, 'clear', function (this: Map<string, V>) {
    for (const key of Map.prototype.keys.call(this)) touch(scope, key)
    return clear.call(this)
  })
}

/** Whether `map` is instrumented. */
export function isWatched(map: Map<string, unknown>): boolean {
  return watched.has(map)
}

/** Instrument every map of `state` (and of accounts and buckets stored later) for `owner`. */
export function watchState(state: EmulatorState, owner: object): void {
  const watchAccount = (id: string, account: AccountState) => {
    watchMap(account.users, { kind: 'user', parent: id, owner })
    watchMap(account.roles, { kind: 'role', parent: id, owner })
    watchMap(account.groups, { kind: 'group', parent: id, owner })
    watchMap(account.policies, { kind: 'policy', parent: id, owner })
    watchMap(account.mfaDevices, { kind: 'mfaDevice', parent: id, owner })
  }
  const watchBucket = (name: string, bucket: BucketEntity) => {
    watchMap(bucket.objects, { kind: 'object', parent: name, owner })
    watchMap(bucket.versions, { kind: 'version', parent: name, owner })
  }
  watchMap(state.accounts, { kind: 'account', owner }, watchAccount)
  watchMap(state.buckets, { kind: 'bucket', owner }, watchBucket)
  watchMap(state.accessKeys, { kind: 'accessKey', owner })
  watchMap(state.sessions, { kind: 'session', owner })
  for (const [id, account] of state.accounts) watchAccount(id, account)
  for (const [name, bucket] of state.buckets) watchBucket(name, bucket)
}

/**
 * Operations named like reads that change state: GetSessionToken records a session,
 * GenerateCredentialReport the report's generation (its state and time).
 */
const WRITES_NAMED_LIKE_READS = new Set(['GetSessionToken', 'GenerateCredentialReport'])

/** Whether a request may have changed state (reads never do). */
export function mayMutate(method: string, action: string | undefined): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false
  if (action && /^(Get|List|Head|Simulate|Generate)/.test(action) && !WRITES_NAMED_LIKE_READS.has(action)) return false
  return true
}
