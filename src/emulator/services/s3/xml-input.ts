import { XMLParser } from 'fast-xml-parser'
import { s3Errors } from './errors.js'

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true })

/** Parse an XML request body (CreateBucketConfiguration, Delete, ...) or throw MalformedXML. */
export function parseXmlBody(body: Uint8Array): Record<string, unknown> {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
  try {
    const parsed = parser.parse(text, true) as Record<string, unknown>
    if (!parsed || typeof parsed !== 'object') throw new Error('not an element')
    return parsed
  } catch {
    throw s3Errors.malformedXml()
  }
}
