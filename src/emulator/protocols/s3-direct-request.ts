/**
 * The in-process S3 path's request side (./s3-direct.ts): the SDK's input object turned into the
 * request the SDK's REST-XML serializer would send (path-style), by the model's bindings.
 */
import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { restXmlOperation, restXmlShape, type BindingRef, type RestXmlShape } from '../../aws-model/rest-xml.js'
import { dict } from '../../safe-object.js'

/** The request checksum algorithms computed here (CRC64NVME is left to the SDK). */
export const CHECKSUMS: Record<string, (data: Uint8Array) => string> = {
  CRC32: (data) => u32(crc32(data)),
  CRC32C: (data) => u32(crc32c(data)),
  SHA1: (data) => createHash('sha1').update(data).digest('base64'),
  SHA256: (data) => createHash('sha256').update(data).digest('base64'),
}

/**
 * What @aws-sdk/client-s3's own middleware changes in the input before serialising it: a
 * CreateBucket outside us-east-1 without a location constraint gets the client's region
 * (middleware-location-constraint), written into the caller's object as the SDK writes it.
 */
export function withSdkCustomizations(operation: string, input: Record<string, unknown>, region: string): Record<string, unknown> {
  if (operation !== 'CreateBucket' || region === 'us-east-1') return input
  const config = input.CreateBucketConfiguration as { LocationConstraint?: unknown; Location?: unknown } | undefined
  if (config?.LocationConstraint || config?.Location) return input
  input.CreateBucketConfiguration = config ?? {}
  ;(input.CreateBucketConfiguration as { LocationConstraint?: unknown }).LocationConstraint = region
  return input
}

/** Input members the SDK rewrites before sending (SSE-C keys: base64 and their MD5): left to the SDK. */
export const SDK_REWRITTEN = ['SSECustomerKey', 'CopySourceSSECustomerKey']

export interface S3WireRequest {
  method: string
  rawPath: string
  query: Array<[string, string]>
  /** Lower-case names (a prototype-free record). */
  headers: Record<string, string>
  body: Uint8Array
}

const EMPTY = new Uint8Array(0)

/** RFC 3986 encoding, as the SDK encodes labels (`extendedEncodeURIComponent`). */
function encodeLabel(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** The request the SDK's REST-XML serializer (path-style, as the embedded client) sends for `input`. */
export function toWireRequest(operation: string, input: Record<string, unknown>): S3WireRequest {
  const op = restXmlOperation(operation)
  if (!op?.input) throw new Error(`internal error: S3 ${operation} is not served in process`)
  const shape = restXmlShape(op.input)
  const members = shape.members ?? {}
  const [pathTemplate, staticQuery] = splitOnce(op.uri, '?')
  const query: Array<[string, string]> = []
  const headers = dict<string>()
  let path = pathTemplate.replace(/\{([^}+]+)(\+?)\}/g, (_, name: string, greedy: string) => {
    const value = input[name]
    const text = value === undefined || value === null ? '' : String(value)
    return greedy ? text.split('/').map(encodeLabel).join('/') : encodeLabel(text)
  })
  // Path-style: the bucket becomes the endpoint's path, and a bucket-level request keeps its slash.
  if (pathTemplate === '/{Bucket}') path += '/'
  if (staticQuery !== undefined) {
    for (const part of staticQuery.split('&')) {
      const [k, v] = splitOnce(part, '=')
      query.push([k, v ?? ''])
    }
  }
  for (const [member, ref] of Object.entries(members)) {
    if (!Object.hasOwn(input, member)) continue
    const value = input[member]
    if (value === undefined || value === null) continue
    const target = restXmlShape(ref.shape)
    if (ref.location === 'querystring') {
      if (target.type === 'list') for (const item of value as unknown[]) query.push([ref.name!, scalarText(restXmlShape(target.member!.shape), item, 'iso8601')])
      else if (target.type === 'map') for (const [k, v] of Object.entries(value as Record<string, unknown>)) query.push([k, String(v)])
      else query.push([ref.name!, scalarText(target, value, 'iso8601')])
    } else if (ref.location === 'header') {
      const text = target.type === 'list' ? (value as unknown[]).map((v) => headerListItem(scalarText(restXmlShape(target.member!.shape), v, 'rfc822'))).join(', ') : scalarText(target, value, 'rfc822')
      headers[ref.name!.toLowerCase()] = text
    } else if (ref.location === 'headers') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined && v !== null) headers[`${ref.name!}${k}`.toLowerCase()] = String(v)
    }
  }
  let body: Uint8Array = EMPTY
  if (shape.payload !== undefined) {
    const ref = members[shape.payload]!
    const target = restXmlShape(ref.shape)
    const value = input[shape.payload]
    if (target.type === 'blob' || target.type === 'string') {
      if (value !== undefined && value !== null) body = typeof value === 'string' ? Buffer.from(value, 'utf8') : (value as Uint8Array)
      if (headers['content-type'] === undefined) headers['content-type'] = target.type === 'blob' ? 'application/octet-stream' : 'text/plain'
    } else {
      if (value !== undefined && value !== null) {
        const name = ref.name ?? shape.payload
        const ns = ref.namespace ?? target.namespace
        body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${xmlElement(name, target, value, ns)}`, 'utf8')
      }
      if (headers['content-type'] === undefined) headers['content-type'] = 'application/xml'
    }
  }
  if (body.byteLength > 0 && headers['content-length'] === undefined) headers['content-length'] = String(body.byteLength)
  const algorithm = op.checksumMember !== undefined ? input[op.checksumMember] : undefined
  if (op.checksumRequired || algorithm !== undefined) {
    const name = String(algorithm ?? 'CRC32')
    const header = `x-amz-checksum-${name.toLowerCase()}`
    const given = Object.keys(headers).some((h) => h.startsWith('x-amz-checksum-')) || headers['content-md5'] !== undefined
    if (!given) {
      headers['x-amz-sdk-checksum-algorithm'] ??= name
      headers[header] = CHECKSUMS[name]!(body)
    }
  }
  return { method: op.method, rawPath: path, query, headers, body }
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep)
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)]
}

/** A header list item, quoted when it holds a comma or quote (smithy's quoteHeader). */
function headerListItem(s: string): string {
  return s.includes(',') || s.includes('"') ? `"${s.replace(/"/g, '\\"')}"` : s
}

/** A scalar as text: timestamps in the shape's format or the location's default. */
function scalarText(shape: RestXmlShape, value: unknown, timestampDefault: 'iso8601' | 'rfc822'): string {
  if (shape.type === 'timestamp') {
    const date = value instanceof Date ? value : new Date(value as string | number)
    const format = shape.timestampFormat ?? timestampDefault
    if (format === 'rfc822') return date.toUTCString()
    if (format === 'unixTimestamp') return String(Math.round(date.getTime() / 1000))
    return date.toISOString().replace('.000Z', 'Z')
  }
  if (shape.type === 'blob') return Buffer.from(value instanceof Uint8Array ? value : String(value)).toString('base64')
  return String(value)
}

/** XML text as the SDK escapes it (smithy's XmlText). */
function escapeText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#x0D;')
    .replace(/\n/g, '&#x0A;')
    .replace(/\u0085/g, '&#x85;')
    .replace(/\u2028/g, '&#x2028;')
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** One element of a body as the SDK's XML serializer writes it. */
function xmlElement(name: string, shape: RestXmlShape, value: unknown, ns: { prefix?: string; uri: string } | undefined, depth = 0): string {
  if (depth > 20) return ''
  let attrs = ns ? ` ${ns.prefix ? `xmlns:${ns.prefix}` : 'xmlns'}="${escapeAttribute(ns.uri)}"` : ''
  if (shape.type === 'structure') {
    let children = ''
    for (const [member, ref] of Object.entries(shape.members ?? {})) {
      if (!Object.hasOwn(value as object, member)) continue
      const v = (value as Record<string, unknown>)[member]
      if (v === undefined || v === null) continue
      const target = restXmlShape(ref.shape)
      const childName = ref.name ?? member
      if (ref.attribute) {
        attrs += ` ${childName}="${escapeAttribute(scalarText(target, v, 'iso8601'))}"`
        continue
      }
      children += xmlMember(childName, ref, target, v, depth + 1)
    }
    return `<${name}${attrs}>${children}</${name}>`
  }
  if (shape.type === 'list') return `<${name}${attrs}>${listItems(shape, value as unknown[], depth)}</${name}>`
  return `<${name}${attrs}>${escapeText(scalarText(shape, value, 'iso8601'))}</${name}>`
}

function xmlMember(name: string, ref: BindingRef, shape: RestXmlShape, value: unknown, depth: number): string {
  const ns = ref.namespace ?? shape.namespace
  if (shape.type === 'list' && (ref.flattened || shape.flattened)) {
    const item = restXmlShape(shape.member!.shape)
    return (value as unknown[]).map((v) => xmlElement(name, item, v, shape.member!.namespace, depth + 1)).join('')
  }
  return xmlElement(name, shape, value, ns, depth)
}

function listItems(shape: RestXmlShape, items: unknown[], depth: number): string {
  const item = restXmlShape(shape.member!.shape)
  const name = shape.member!.name ?? 'member'
  return items.map((v) => xmlElement(name, item, v, shape.member!.namespace, depth + 1)).join('')
}

// ---- checksums ----

function u32(n: number): string {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n >>> 0)
  return b.toString('base64')
}

let crc32cTable: Uint32Array | undefined

/** CRC-32C (Castagnoli), as the SDK's `@aws-crypto/crc32c`. */
function crc32c(data: Uint8Array): number {
  if (!crc32cTable) {
    crc32cTable = new Uint32Array(256)
    for (let i = 0; i < 256; i++) {
      let c = i
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1
      crc32cTable[i] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (let i = 0; i < data.length; i++) crc = crc32cTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
