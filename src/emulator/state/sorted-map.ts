/**
 * A Map that also keeps its values ordered by a sort key, so that listings can be cut into
 * pages by a binary search and a slice instead of scanning (and sorting) every entry.
 *
 * The order is derived data: it is rebuilt from the entries when a map is constructed (state
 * files store plain entry lists) and kept up to date by `set`, `delete` and `clear`, so code
 * that only knows it has a `Map` keeps the order right without knowing about it. Iterating the
 * map itself still yields insertion order, as for any Map.
 *
 * Insertion and removal are a binary search plus an array splice: O(n) element moves, about
 * 1 µs per insertion at 10k entries, far below the cost of the request that makes them; a
 * page is O(log n + page size) (see paginateSorted).
 *
 * Sort keys are compared as JavaScript strings (UTF-16 code units, like `<`), and should be
 * unique; the sort key of an entry must not change while it is in the map (re-`set` it after a
 * change that would move it).
 */

/** Values in ascending sort-key order, by position. */
export interface SortedSource<V> {
  /** Number of entries. */
  readonly size: number
  /** Sort key at position `i` (0 <= i < size); non-decreasing in `i`. */
  sortKeyAt(i: number): string
  /** Value at position `i` (0 <= i < size). */
  valueAt(i: number): V
}

/** Sort key of an entry from its map key and value. */
export type SortKeyOf<V> = (key: string, value: V) => string

export class SortedMap<V> extends Map<string, V> implements SortedSource<V> {
  readonly #sortKeyOf: SortKeyOf<V>
  /**
   * The map keys in sort-key order. Sort keys are derived when needed rather than stored: the
   * order costs one array slot per entry (the key strings are the Map's own).
   */
  #order: string[] = []

  /** With `entries`, the order is built in one sort (O(n log n)), not by n insertions. */
  constructor(sortKeyOf: SortKeyOf<V>, entries?: Iterable<readonly [string, V]>) {
    super()
    this.#sortKeyOf = sortKeyOf
    if (!entries) return
    for (const [k, v] of entries) super.set(k, v)
    const rows: Array<{ sortKey: string; key: string }> = []
    for (const [k, v] of super.entries()) rows.push({ sortKey: sortKeyOf(k, v), key: k })
    rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    this.#order = rows.map((r) => r.key)
  }

  override set(key: string, value: V): this {
    if (super.has(key)) this.#unlink(key)
    super.set(key, value)
    this.#order.splice(this.#bound(this.#sortKeyOf(key, value), true), 0, key)
    return this
  }

  override delete(key: string): boolean {
    if (!super.has(key)) return false
    this.#unlink(key)
    return super.delete(key)
  }

  override clear(): void {
    super.clear()
    this.#order = []
  }

  sortKeyAt(i: number): string {
    const key = this.#order[i]!
    return this.#sortKeyOf(key, super.get(key) as V)
  }

  valueAt(i: number): V {
    return super.get(this.#order[i]!) as V
  }

  /** Values in sort-key order (a snapshot: changing the map while iterating is safe). */
  sortedValues(): V[] {
    return this.#order.map((key) => super.get(key) as V)
  }

  /** First position whose sort key is `>= target` (`strict`: `> target`). */
  #bound(target: string, strict: boolean): number {
    let lo = 0
    let hi = this.#order.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const k = this.sortKeyAt(mid)
      if (k < target || (strict && k === target)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Remove `key` (still in the Map) from the order. */
  #unlink(key: string): void {
    const sortKey = this.#sortKeyOf(key, super.get(key) as V)
    let at = this.#bound(sortKey, false)
    while (at < this.#order.length && this.#order[at] !== key && this.sortKeyAt(at) === sortKey) at++
    // The value was changed in place since it was stored, moving its sort key: find it.
    if (this.#order[at] !== key) at = this.#order.indexOf(key)
    if (at >= 0) this.#order.splice(at, 1)
  }
}

/** Position of the first entry of `source` whose sort key is greater than `after`. */
export function positionAfter(source: SortedSource<unknown>, after: string, probe?: () => void): number {
  let lo = 0
  let hi = source.size
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    probe?.()
    if (source.sortKeyAt(mid) <= after) lo = mid + 1
    else hi = mid
  }
  return lo
}
