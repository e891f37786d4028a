import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { paginate, type Page, type PageInput } from './paginate.js'

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
