import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { objectMap, type BucketEntity, type ObjectEntity } from '../../state/model.js'
import { SortedMap } from '../../state/sorted-map.js'
import { listKeys, type ListPage } from './list-objects.js'

const object = (key: string): ObjectEntity => ({ key, body: new Uint8Array(0), etag: '""', lastModified: 0, metadata: {} })
const bucketOf = (keys: Iterable<string>, objects = objectMap()): BucketEntity => {
  for (const k of keys) objects.set(k, object(k))
  return { name: 'b', region: 'us-east-1', accountId: '123456789012', createDate: 0, objects, versions: objectMap() }
}

/** The definition listKeys must keep: sort every key, then scan (the code before the index). */
function reference(keys: string[], opts: { prefix: string; delimiter?: string; after?: string; maxKeys: number }): ListPage {
  const sorted = [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const contents: ObjectEntity[] = []
  const commonPrefixes: string[] = []
  let after = opts.after ?? ''
  let truncated = false
  let last: string | undefined
  for (const key of sorted) {
    if (key <= after || !key.startsWith(opts.prefix)) continue
    const rest = key.slice(opts.prefix.length)
    const cut = opts.delimiter ? rest.indexOf(opts.delimiter) : -1
    const entry = cut >= 0 ? opts.prefix + rest.slice(0, cut + opts.delimiter!.length) : undefined
    if (contents.length + commonPrefixes.length >= opts.maxKeys) {
      truncated = true
      break
    }
    if (entry !== undefined) {
      commonPrefixes.push(entry)
      last = entry
      after = entry + '\uffff'
    } else {
      contents.push(object(key))
      last = key
    }
  }
  return { contents, commonPrefixes, truncated, ...(last !== undefined ? { last } : {}) }
}

const keyChars = fc.constantFrom('a', 'b', 'c', '/', '-', 'é', 'Z')
const key = fc.array(keyChars, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''))

describe('listKeys over the sorted object index', () => {
  it('gives the same page as sorting the whole bucket, for any keys, prefix, delimiter, marker and page size', () => {
    fc.assert(
      fc.property(
        fc.array(key, { maxLength: 60 }),
        fc.array(keyChars, { maxLength: 2 }).map((cs) => cs.join('')),
        fc.option(fc.constantFrom('/', '-', 'b'), { nil: undefined }),
        fc.option(key, { nil: undefined }),
        fc.integer({ min: 0, max: 8 }),
        (keys, prefix, delimiter, after, maxKeys) => {
          const opts = { prefix, ...(delimiter ? { delimiter } : {}), ...(after !== undefined ? { after } : {}), maxKeys }
          const got = listKeys(bucketOf(keys), opts)
          const want = reference(keys, opts)
          expect({ ...got, contents: got.contents.map((o) => o.key) }).toEqual({ ...want, contents: want.contents.map((o) => o.key) })
        },
      ),
      { numRuns: 400 },
    )
  })

  it('a page costs a binary search plus the page: it never walks the whole bucket (100k keys, page of 10)', () => {
    let reads = 0
    class Counting extends SortedMap<ObjectEntity> {
      override sortKeyAt(i: number): string {
        reads++
        return super.sortKeyAt(i)
      }
      override *keys(): MapIterator<string> {
        reads += this.size
        yield* super.keys()
      }
      override *values(): MapIterator<ObjectEntity> {
        reads += this.size
        yield* super.values()
      }
    }
    const keys = Array.from({ length: 100_000 }, (_, i) => `logs/${String(i).padStart(6, '0')}.txt`)
    const bucket = bucketOf([], new Counting((k) => k, keys.map((k) => [k, object(k)] as const)))
    reads = 0
    const page = listKeys(bucket, { prefix: 'logs/', after: 'logs/050000.txt', maxKeys: 10 })
    expect(page.contents.map((o) => o.key)).toEqual(keys.slice(50_001, 50_011))
    expect(page.truncated).toBe(true)
    expect(reads).toBeLessThan(100)
  })
})
