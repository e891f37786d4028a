import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SortedMap } from '../../state/sorted-map.js'
import { paginate, paginateSorted, sortedPageWork, type Page, type PageInput } from './paginate.js'

/** The straightforward definition: sort everything (stable), skip past the marker, cut a page. */
function reference<T>(items: T[], sortKey: (item: T) => string, input: PageInput): Page<T> {
  const keyed = items.map((item) => ({ item, key: sortKey(item) }))
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  let start = 0
  if (input.Marker !== undefined) {
    const after = Buffer.from(input.Marker, 'base64').toString('utf8')
    start = keyed.findIndex((k) => k.key > after)
    if (start < 0) start = keyed.length
  }
  const max = input.MaxItems ?? 100
  const slice = keyed.slice(start, start + max)
  const truncated = start + max < keyed.length
  const page: Page<T> = { items: slice.map((k) => k.item), IsTruncated: truncated }
  if (truncated) page.Marker = Buffer.from(slice[slice.length - 1]!.key, 'utf8').toString('base64')
  return page
}

const item = fc.record({ name: fc.string({ unit: fc.constantFrom('a', 'B', 'c', 'é', '-', '0', 'z'), maxLength: 4 }), id: fc.nat() })

describe('paginate', () => {
  it('returns exactly the pages of a full stable sort, for every page of random lists', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (items, max) => {
        const key = (x: { name: string }) => x.name.toLowerCase()
        let marker: string | undefined
        for (let n = 0; n < 100; n++) {
          const input = { MaxItems: max, ...(marker !== undefined ? { Marker: marker } : {}) }
          const got = paginate(items, key, input)
          expect(got).toEqual(reference(items, key, input))
          if (!got.IsTruncated) return
          marker = got.Marker
        }
        throw new Error('more pages than items')
      }),
      { numRuns: 300 },
    )
  })

  it('lists 250 names in order over pages of 100, with the default page size', () => {
    const names = Array.from({ length: 250 }, (_, i) => `user-${String((i * 37) % 250).padStart(3, '0')}`)
    const first = paginate(names, (s) => s, {})
    expect(first.items).toEqual(Array.from({ length: 100 }, (_, i) => `user-${String(i).padStart(3, '0')}`))
    expect(first.IsTruncated).toBe(true)
    expect(Buffer.from(first.Marker!, 'base64').toString('utf8')).toBe('user-099')
    const third = paginate(names, (s) => s, { Marker: paginate(names, (s) => s, { Marker: first.Marker }).Marker })
    expect(third.items).toHaveLength(50)
    expect(third.items[0]).toBe('user-200')
    expect(third.IsTruncated).toBe(false)
    expect(third.Marker).toBeUndefined()
  })
})

describe('paginateSorted', () => {
  type Row = { name: string; id: number; path: string }
  const row = fc.record({
    name: fc.string({ unit: fc.constantFrom('a', 'B', 'c', 'é', '-', '0', 'z'), maxLength: 4 }),
    id: fc.nat(),
    path: fc.constantFrom('/', '/a/', '/a/b/', '/b/'),
  })
  const sortKey = (r: Row) => `${r.name.toLowerCase()}\u0000${r.id}`
  /** Rows split into 1-3 sorted sources (as AWS and customer managed policies are). */
  const sourcesOf = (rows: Row[], split: number[]) => {
    const maps = [0, 1, 2].slice(0, Math.max(...split, 0) + 1).map(() => new SortedMap<Row>((_k, r) => sortKey(r)))
    rows.forEach((r, i) => maps[split[i] ?? 0]!.set(`k${i}`, r))
    return maps
  }

  it('returns the same pages and markers as paginate over the merged, filtered items', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { maxLength: 60, selector: (r) => r.id }).chain((rows) =>
          fc.tuple(fc.constant(rows), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: rows.length, maxLength: rows.length })),
        ),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('/', '/a/', '/b/', '/c/'),
        ([rows, split], max, prefix) => {
          const sources = sourcesOf(rows, split)
          const accept = (r: Row) => r.path.startsWith(prefix)
          let marker: string | undefined
          for (let n = 0; n < 100; n++) {
            const input = { MaxItems: max, ...(marker !== undefined ? { Marker: marker } : {}) }
            const got = paginateSorted(sources, input, accept)
            expect(got).toEqual(paginate(rows.filter(accept), sortKey, input))
            if (!got.IsTruncated) return
            marker = got.Marker
          }
          throw new Error('more pages than items')
        },
      ),
      { numRuns: 300 },
    )
  })

  it('continues after a marker whose item was deleted, and sees items created since on the right side of it', () => {
    const map = new SortedMap<string>((k) => k)
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f']) map.set(k, k)
    const first = paginateSorted([map], { MaxItems: 2 })
    expect(first.items).toEqual(['a', 'b'])
    map.delete('b')
    map.delete('c')
    map.set('aa', 'aa') // before the marker: not shown again
    map.set('bb', 'bb') // after it: shown
    const second = paginateSorted([map], { MaxItems: 2, Marker: first.Marker })
    expect(second.items).toEqual(['bb', 'd'])
    expect(paginateSorted([map], { MaxItems: 2, Marker: second.Marker }).items).toEqual(['e', 'f'])
  })

  it('visits MaxItems + 1 entries and binary-searches the marker, whatever the total', () => {
    const work = (total: number) => {
      const keys = Array.from({ length: total }, (_, i) => `k${String((i * 7919) % total).padStart(6, '0')}`)
      const map = new SortedMap<string>((k) => k, keys.map((k) => [k, k] as const))
      const middle = Buffer.from(map.sortKeyAt(Math.floor(total / 2)), 'utf8').toString('base64')
      sortedPageWork.probes = 0
      sortedPageWork.visited = 0
      const page = paginateSorted([map], { MaxItems: 100, Marker: middle })
      expect(page.items).toHaveLength(100)
      return { ...sortedPageWork }
    }
    expect(work(1_000)).toEqual({ probes: 10, visited: 101 })
    expect(work(100_000)).toEqual({ probes: 17, visited: 101 })
  })
})
