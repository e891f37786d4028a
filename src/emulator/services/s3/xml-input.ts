import { XMLParser } from 'fast-xml-parser'
import { s3Errors } from './errors.js'

const defaultParser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true })
const keepingParser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: false })

/**
 * Parse an XML request body (CreateBucketConfiguration, Delete, ...) or throw MalformedXML.
 * `keepWhitespace`: element text is kept as sent (object keys such as `" "` are valid keys;
 * elements with children then also carry a `#text` of the whitespace between them).
 */
export function parseXmlBody(body: Uint8Array, opts: { keepWhitespace?: boolean } = {}): Record<string, unknown> {
  const parser = opts.keepWhitespace ? keepingParser : defaultParser
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
  try {
    const parsed = parser.parse(text, true) as Record<string, unknown>
    if (!parsed || typeof parsed !== 'object') throw new Error('not an element')
    return parsed
  } catch {
    throw s3Errors.malformedXml()
  }
}
