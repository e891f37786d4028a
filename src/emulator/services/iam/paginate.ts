/**
 * IAM's Marker/MaxItems pagination. Items are listed in a stable order (by the sort key,
 * ascending); the Marker is opaque to clients and names the last item returned, so a page
 * boundary survives creations and deletions between calls.
 */

export interface PageInput {
  Marker?: string
  MaxItems?: number
}

export interface Page<T> {
  items: T[]
  IsTruncated: boolean
  Marker?: string
}

export const DEFAULT_MAX_ITEMS = 100

function encodeMarker(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64')
}

function decodeMarker(marker: string): string {
  return Buffer.from(marker, 'base64').toString('utf8')
}

/** Sort `items` by `sortKey` and cut the page that follows `input.Marker`. */
export function paginate<T>(items: Iterable<T>, sortKey: (item: T) => string, input: PageInput): Page<T> {
  const keyed = [...items].map((item) => ({ item, key: sortKey(item) }))
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  let start = 0
  if (input.Marker !== undefined) {
    const after = decodeMarker(input.Marker)
    start = keyed.findIndex((k) => k.key > after)
    if (start < 0) start = keyed.length
  }
  const max = input.MaxItems ?? DEFAULT_MAX_ITEMS
  const slice = keyed.slice(start, start + max)
  const truncated = start + max < keyed.length
  const page: Page<T> = { items: slice.map((k) => k.item), IsTruncated: truncated }
  if (truncated) page.Marker = encodeMarker(slice[slice.length - 1]!.key)
  return page
}

/** Paginate a list whose order is already meaningful (e.g. membership order, version order). */
export function paginateInOrder<T>(items: T[], input: PageInput): Page<T> {
  let start = 0
  if (input.Marker !== undefined) {
    const n = Number(decodeMarker(input.Marker))
    start = Number.isInteger(n) && n >= 0 ? n : items.length
  }
  const max = input.MaxItems ?? DEFAULT_MAX_ITEMS
  const slice = items.slice(start, start + max)
  const truncated = start + max < items.length
  const page: Page<T> = { items: slice, IsTruncated: truncated }
  if (truncated) page.Marker = encodeMarker(String(start + max))
  return page
}
