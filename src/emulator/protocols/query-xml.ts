import { isoSeconds, mapRecordOf } from './xml.js'

/**
 * The Query protocol's XML, written directly from a handler's output. It is the document that
 * `xmlBuilder.build(toQueryXmlValue(value))` (fast-xml-parser's builder) makes, byte for byte
 * (query-xml.test.ts checks them against each other over random outputs), at a fraction of the
 * cost: no intermediate object, no path matcher. Element names are the output's member names
 * (AWS's model names) and the fixed words of the protocol (`member`, `entry`, `key`, `value`);
 * every text is escaped.
 */

const SPECIAL = /[&<>'"]/
const SPECIAL_ALL = /[&<>'"]/g
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' }

/** Text (or an attribute value) with `& < > ' "` as entities, as the builder escapes them. */
export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ENTITIES[c]!) : text
}

function textElement(name: string, text: string): string {
  return text === '' ? `<${name}></${name}>` : `<${name}>${escapeXml(text)}</${name}>`
}

/**
 * `<name>value</name>` for one output member, or '' when the member is absent (undefined or
 * null): arrays become `<member>` lists, xmlMap records `<entry><key/><value/></entry>` lists,
 * Dates ISO-8601 seconds, booleans `true`/`false`; key order is kept.
 */
export function queryXmlElement(name: string, value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return textElement(name, value)
  if (value instanceof Date) return textElement(name, isoSeconds(value))
  if (typeof value === 'boolean') return textElement(name, value ? 'true' : 'false')
  if (typeof value === 'number' || typeof value === 'bigint') return textElement(name, String(value))
  if (typeof value !== 'object') return textElement(name, String(value))
  let inner = ''
  if (Array.isArray(value)) {
    for (const item of value) inner += queryXmlElement('member', item) || '<member></member>'
    return `<${name}>${inner}</${name}>`
  }
  const map = mapRecordOf(value)
  if (map) {
    for (const key of Object.keys(map)) inner += `<entry>${textElement('key', key)}${queryXmlElement('value', map[key]) || '<value></value>'}</entry>`
    return `<${name}>${inner}</${name}>`
  }
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) inner += queryXmlElement(key, record[key])
  return `<${name}>${inner}</${name}>`
}
