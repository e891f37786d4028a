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
