import { XMLBuilder } from 'fast-xml-parser'

/** The one XML builder the protocol layers share (fast-xml-parser; escapes text and attributes). */
export const xmlBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  processEntities: true,
})

const MAP = Symbol('xml-map')

/** Mark a record to be serialized as a Query map (`<entry><key/><value/></entry>`). */
export function xmlMap(record: Record<string, unknown>): object {
  return { [MAP]: record }
}

/** The record behind a value marked by `xmlMap`, or undefined when `value` is not one. */
export function mapRecordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as { [MAP]?: Record<string, unknown> })[MAP] : undefined
}

/** ISO-8601 UTC with `Z` and no milliseconds, as IAM and STS print timestamps. */
export function isoSeconds(ms: number | Date): string {
  const d = typeof ms === 'number' ? new Date(ms) : ms
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * Convert an output object to the builder's form for the Query protocol: arrays become
 * `<member>` lists, Dates ISO-8601, booleans `true`/`false`, undefined members are omitted.
 * Key order is kept (handlers return members in the model's order).
 */
export function toQueryXmlValue(value: unknown): unknown {
  if (value === undefined || value === null) return undefined
  if (value instanceof Date) return isoSeconds(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'string') return value
  if (Array.isArray(value)) {
    if (value.length === 0) return ''
    return { member: value.map((v) => toQueryXmlValue(v) ?? '') }
  }
  if (typeof value === 'object') {
    const map = (value as { [MAP]?: Record<string, unknown> })[MAP]
    if (map) {
      const entries = Object.entries(map).map(([key, v]) => ({ key, value: toQueryXmlValue(v) ?? '' }))
      return entries.length ? { entry: entries } : ''
    }
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const converted = toQueryXmlValue(v)
      if (converted !== undefined) out[k] = converted
    }
    return out
  }
  return String(value)
}
