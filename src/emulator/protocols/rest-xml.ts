import type { Incoming } from '../incoming.js'
import type { AwsServiceError } from '../services/types.js'
import { httpDate } from './http-date.js'
import { escapeXml } from './query-xml.js'
import { xmlBuilder } from './xml.js'

/** S3's response namespace (note: http, not https). */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/'

/** Where a request points: bucket and key, and how it was addressed. */
export interface S3Address {
  bucket?: string
  key?: string
  style: 'path' | 'virtual'
}

/**
 * Virtual-hosted bucket hosts: `<bucket>.localhost[:port]`, `<bucket>.s3.amazonaws.com`,
 * `<bucket>.s3.<region>.amazonaws.com`, `<bucket>.s3-<region>.amazonaws.com`.
 */
const VIRTUAL_HOSTS = [/^(.+)\.localhost$/, /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/, /^(.+)\.s3\.localhost\.localstack\.cloud$/]

function decodePath(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** Bucket and key of a request, for path-style and virtual-hosted addressing. */
export function s3Address(inc: Incoming): S3Address {
  const host = inc.host.toLowerCase().replace(/:\d+$/, '')
  for (const re of VIRTUAL_HOSTS) {
    const m = re.exec(host)
    if (m && m[1] && !m[1].startsWith('s3.') && m[1] !== 's3') {
      const key = inc.rawPath.slice(1)
      return { bucket: m[1], ...(key ? { key: decodePath(key) } : {}), style: 'virtual' }
    }
  }
  const path = inc.rawPath.slice(1)
  if (!path) return { style: 'path' }
  const slash = path.indexOf('/')
  if (slash < 0) return { bucket: decodePath(path), style: 'path' }
  const key = path.slice(slash + 1)
  return { bucket: decodePath(path.slice(0, slash)), ...(key ? { key: decodePath(key) } : {}), style: 'path' }
}

/** An S3 XML document with the declaration and (optionally) the S3 namespace on the root. */
export function s3Xml(root: string, body: Record<string, unknown>, namespace = true): string {
  const content = namespace ? { '@_xmlns': S3_NAMESPACE, ...body } : body
  const direct = s3XmlElement(root, content)
  return `<?xml version="1.0" encoding="UTF-8"?>\n${direct ?? (xmlBuilder.build({ [root]: content }) as string)}`
}

/**
 * `<name>...</name>` for a handler's body value, written directly: the bytes fast-xml-parser's
 * builder (./xml.ts) makes for the same value (rest-xml.test.ts checks them against each other
 * over random bodies), without its path matcher and per-node objects (issue 19: the builder was
 * the top line of a warm embedded run's S3 answers). It covers what S3 handlers build: text,
 * numbers and booleans; arrays as repeated elements; objects whose `@_` members are attributes
 * (text or numbers) and whose `#text` is their text (with no child elements). For anything else
 * (null, a Date, nested arrays, a boolean attribute, text beside children) it answers undefined
 * and the caller uses the builder.
 */
export function s3XmlElement(name: string, value: unknown): string | undefined {
  if (typeof value === 'string') return textNode(name, value)
  if (typeof value === 'boolean') return textNode(name, String(value))
  if (typeof value === 'number') return plainNumber(value) ? textNode(name, String(value)) : undefined
  if (Array.isArray(value)) {
    let out = ''
    for (const item of value) {
      if (item === undefined || item === null || Array.isArray(item)) return undefined
      const one = s3XmlElement(name, item)
      if (one === undefined) return undefined
      out += one
    }
    return out
  }
  if (typeof value !== 'object' || value === null) return undefined
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) return undefined
  const record = value as Record<string, unknown>
  let attributes = ''
  let text: string | undefined
  let children = ''
  for (const key of Object.keys(record)) {
    const v = record[key]
    if (key.startsWith('@_')) {
      if (v === undefined) continue
      if (typeof v !== 'string' && !(typeof v === 'number' && plainNumber(v))) return undefined
      attributes += ` ${key.slice(2)}="${escapeXml(String(v))}"`
    } else if (key === '#text') {
      if (typeof v !== 'string' && !(typeof v === 'number' && plainNumber(v))) return undefined
      text = String(v)
    } else {
      if (v === undefined) continue
      const child = s3XmlElement(key, v)
      if (child === undefined) return undefined
      children += child
    }
  }
  if (text !== undefined) {
    if (children !== '') return undefined
    return `<${name}${attributes}>${escapeXml(text)}</${name}>`
  }
  return `<${name}${attributes}>${children}</${name}>`
}

/** A number the builder writes as `String(n)` (it spells -0 its own way; S3 answers hold counts and sizes). */
function plainNumber(n: number): boolean {
  return Number.isFinite(n) && !Object.is(n, -0)
}

function textNode(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`
}

/** `<Error><Code/><Message/>...extra...<RequestId/><HostId/></Error>`. */
export function s3ErrorXml(error: AwsServiceError, requestId: string, hostId: string): string {
  return s3Xml('Error', { Code: error.code, Message: error.message, ...error.extra, RequestId: requestId, HostId: hostId }, false)
}

/** Headers on every S3 response. */
export function s3Headers(requestId: string, hostId: string, now: number): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId, date: httpDate(now), server: 'AmazonS3' }
}

/** S3's ISO-8601 with milliseconds (`2025-01-01T00:00:00.000Z`). */
export function s3Time(ms: number): string {
  return new Date(ms).toISOString()
}
