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

/** The record an {@link xmlMap} wraps, or undefined for any other value. */
export function xmlMapRecord(value: object): Record<string, unknown> | undefined {
  return (value as { [MAP]?: Record<string, unknown> })[MAP]
}

/** ISO-8601 UTC with `Z` and no milliseconds, as IAM and STS print timestamps. */
export function isoSeconds(ms: number | Date): string {
  const d = typeof ms === 'number' ? new Date(ms) : ms
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
