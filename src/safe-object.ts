/**
 * Objects keyed by outside data (request parameters, headers, tags, policy documents, condition
 * keys, scenario vars, state and ledger files) must never inherit and never reach a prototype:
 * `obj[key] = v` with `key === '__proto__'` replaces the object's prototype, and a read of a key
 * the object does not own answers with whatever `Object.prototype` carries (`constructor`,
 * `toString`, or anything a polluting request put there). Every such map is made with
 * {@link dict} (or is a `Map`) and read with {@link ownGet} / {@link hasOwnKey}.
 *
 * A leaf module with no imports, so that even the pure `policy/` engine may use it.
 */

/** A record that inherits nothing (`Object.create(null)`): every key is its own. */
export type Dict<T> = Record<string, T>

/** Path segments that reach a prototype when used as property names. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** True for `__proto__`, `constructor` and `prototype`. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key)
}

/** An empty record with no prototype. */
export function dict<T = unknown>(): Dict<T> {
  return Object.create(null) as Dict<T>
}

/** A prototype-free record of `entries` (a later entry wins; `__proto__` is an ordinary key). */
export function dictFrom<T>(entries: Iterable<readonly [string, T]>): Dict<T> {
  const out = dict<T>()
  for (const [k, v] of entries) out[k] = v
  return out
}

/** A prototype-free shallow merge of the own enumerable properties of `records` (later ones win). */
export function dictOf<T>(...records: Array<Readonly<Record<string, T>> | undefined | null>): Dict<T> {
  const out = dict<T>()
  for (const record of records) if (record) for (const k of Object.keys(record)) out[k] = record[k] as T
  return out
}

/** True when `obj` itself (not its prototype chain) has `key`. */
export function hasOwnKey(obj: object | undefined | null, key: string): boolean {
  return obj !== undefined && obj !== null && Object.hasOwn(obj, key)
}

/** `obj[key]` when `obj` owns `key`; undefined otherwise (never an inherited value). */
export function ownGet<T>(obj: Readonly<Record<string, T>> | undefined | null, key: string): T | undefined {
  return obj !== undefined && obj !== null && Object.hasOwn(obj, key) ? obj[key] : undefined
}

/**
 * Sets an own enumerable property on any object, even one named `__proto__` (for ordinary
 * objects that must keep their prototype, such as data handed to libraries).
 */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
