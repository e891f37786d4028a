import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { entityMap, policyMap, type ManagedPolicyEntity } from './model.js'
import { positionAfter, SortedMap, type SortedSource } from './sorted-map.js'

const inOrder = <V>(s: SortedSource<V>) => Array.from({ length: s.size }, (_, i) => ({ sortKey: s.sortKeyAt(i), value: s.valueAt(i) }))
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

interface Item {
  name: string
  n: number
}

/** Sort key from the value (like policies): the name as given, then a unique number. */
const sortKeyOf = (_key: string, v: Item) => `${v.name}\u0000${v.n}`

type Op = { op: 'set'; key: string; name: string } | { op: 'delete'; key: string } | { op: 'clear' }

const keyArb = fc.string({ unit: fc.constantFrom('a', 'B', 'b', 'é', '-', '0', 'Z', '\u{1F600}'), maxLength: 3 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key: keyArb, name: keyArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const) }) },
)

describe('SortedMap', () => {
  it('keeps its values in sort-key order and agrees with a plain Map, through any sequence of set/delete/clear', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const sorted = new SortedMap<Item>(sortKeyOf)
        const plain = new Map<string, Item>()
        let n = 0
        for (const op of ops) {
          if (op.op === 'set') {
            const v = { name: op.name, n: n++ }
            expect(sorted.set(op.key, v)).toBe(sorted)
            plain.set(op.key, v)
          } else if (op.op === 'delete') {
            expect(sorted.delete(op.key)).toBe(plain.delete(op.key))
          } else {
            sorted.clear()
            plain.clear()
          }
          // The Map side is untouched: same entries, same (insertion) iteration order.
          expect([...sorted.entries()]).toEqual([...plain.entries()])
          const expected = [...plain.entries()].map(([k, v]) => ({ sortKey: sortKeyOf(k, v), value: v }))
          expected.sort((a, b) => byKey(a.sortKey, b.sortKey))
          expect(inOrder(sorted)).toEqual(expected)
          expect(sorted.sortedValues()).toEqual(expected.map((e) => e.value))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('builds the same order in one sort from entries as by inserting them one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, keyArb), { maxLength: 60 }), (pairs) => {
        const entries = pairs.map(([k, name], n) => [k, { name, n }] as const)
        const bulk = new SortedMap<Item>(sortKeyOf, entries)
        const oneByOne = new SortedMap<Item>(sortKeyOf)
        for (const [k, v] of entries) oneByOne.set(k, v)
        expect(inOrder(bulk)).toEqual(inOrder(oneByOne))
        expect([...bulk.entries()]).toEqual([...new Map(entries).entries()])
      }),
      { numRuns: 200 },
    )
  })

  it('positionAfter finds the first sort key greater than the one given, in log2(n) probes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(keyArb, { maxLength: 200 }), keyArb, (keys, after) => {
        const map = entityMap(keys.map((k) => [k, k] as const))
        let probes = 0
        const at = positionAfter(map, after, () => probes++)
        const sortedKeys = [...keys].sort(byKey)
        const expected = sortedKeys.findIndex((k) => k > after)
        expect(at).toBe(expected < 0 ? keys.length : expected)
        expect(probes).toBeLessThanOrEqual(Math.ceil(Math.log2(keys.length + 1)))
      }),
      { numRuns: 300 },
    )
  })

  it('still removes an entry whose sort key changed in place after it was stored', () => {
    const map = new SortedMap<Item>(sortKeyOf)
    const a = { name: 'a', n: 1 }
    map.set('x', a).set('y', { name: 'b', n: 2 }).set('z', { name: 'c', n: 3 })
    a.name = 'zz' // the stored position still says 'a'
    expect(map.delete('x')).toBe(true)
    expect(map.sortedValues().map((v) => v.name)).toEqual(['b', 'c'])
    expect(map.size).toBe(2)
  })

  it('entity maps order by the lower-cased name key; policy maps by name then id', () => {
    const users = entityMap<{ name: string }>()
    for (const name of ['bob', 'Alice', 'alice2', 'Zed', '_x', 'carol']) users.set(name.toLowerCase(), { name })
    expect(users.sortedValues().map((u) => u.name)).toEqual(['_x', 'Alice', 'alice2', 'bob', 'carol', 'Zed'])
    const policy = (name: string, id: string) => ({ name, id, arn: `arn:aws:iam::123456789012:policy/${id}` }) as ManagedPolicyEntity
    const policies = policyMap([policy('Beta', 'ANPA2'), policy('alpha', 'ANPA9'), policy('ALPHA', 'ANPA1')].map((p) => [p.arn, p] as const))
    expect(policies.sortedValues().map((p) => p.id)).toEqual(['ANPA1', 'ANPA9', 'ANPA2'])
    expect(policies.sortKeyAt(0)).toBe('alpha\u0000ANPA1')
  })
})
