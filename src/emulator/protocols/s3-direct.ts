/**
 * The in-process S3 path of the embedded emulator: an S3 call made with the SDK's input object
 * and answered with the SDK's output object, the same design as IAM and STS (./direct.ts), over
 * S3's REST-XML bindings (src/aws-model/rest-xml.ts, generated from botocore's model):
 *
 * - the input becomes the very request the S3 handler receives from the wire: the method, the
 *   request URI with its labels (`{Bucket}`, the greedy `{Key+}` encoded segment by segment,
 *   path-style as the embedded SDK client sends it), query-string, header and header-prefix
 *   (`x-amz-meta-*`) members, the payload (a blob or string as its bytes, a structure as the XML
 *   the SDK writes), the content type and length, and the request checksum the SDK adds
 *   (`x-amz-sdk-checksum-algorithm` + `x-amz-checksum-crc32` for DeleteObjects, PutBucketPolicy,
 *   PutPublicAccessBlock, ... or the algorithm a `ChecksumAlgorithm` member names);
 * - the caller is resolved from the credentials as a signed request's would be (handleS3's
 *   `direct` caller: the same unknown-key, token and expiry answers, the key's last use recorded);
 * - the handler's answer (status, headers, XML or raw body) is read back by the output shape as
 *   the SDK's REST-XML deserialiser reads it: header members with their types (numbers, booleans,
 *   Dates from HTTP dates), `Metadata` from `x-amz-meta-*`, the status code, XML members (lists,
 *   flattened lists, nested structures, attributes, timestamps as Dates, numbers, booleans), and
 *   payload members (GetBucketPolicy's `Policy` text; GetObject's `Body` as the SDK's stream with
 *   `transformToString()` / `transformToByteArray()` / `transformToWebStream()`);
 * - errors as the SDK names them: the modelled exception shape (`NoSuchKey`) or the code, the
 *   `<Error>` element's other children as members (Code, BucketName, Key, RequestId, HostId, ...),
 *   and for a body-less answer (HEAD) `NotFound` on 404 and `Unknown` otherwise.
 *
 * Where it differs from the SDK's request (none of which the handler reads): no SigV4 headers
 * (`authorization`, `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token`), no `x-id`
 * query parameter, no user agent, invocation id or `amz-sdk-request`. The SDK's own S3 middleware
 * is mirrored where it changes what is sent or read: CreateBucket's LocationConstraint outside
 * us-east-1, the request checksum, `Expires`/`ExpiresString`; its check for a 200 answer carrying
 * an `<Error>` (CopyObject, CompleteMultipartUpload) is not, as the handler never answers so.
 *
 * Left to the SDK (s3DirectOperation answers false, the call goes over the in-memory handler):
 * operations the emulator does not serve (it answers them NotImplemented either way), a body
 * that is neither text nor bytes (a stream, a Blob), a CRC64NVME checksum, and SSE-C keys (the
 * SDK rewrites them: base64 and MD5).
 */
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { crc32 } from 'node:zlib'
import { XMLParser } from 'fast-xml-parser'
import { restXmlErrorShape, restXmlOperation, restXmlShape, type BindingRef, type RestXmlShape } from '../../aws-model/rest-xml.js'
import { dict } from '../../safe-object.js'
import { RecordHeaders, type Incoming } from '../incoming.js'
import type { Exchange, Runtime, WireResponse } from '../runtime.js'
import { handleS3 } from '../services/s3/handler.js'
import { DECISION_HEADER } from '../types.js'
import type { DirectAnswer } from './direct.js'

/** One S3 call in process. */
export interface S3DirectRequest {
  operation: string
  input: Record<string, unknown>
  credentials?: { accessKeyId: string; sessionToken?: string }
  region: string
}

/** The request checksum algorithms computed here (CRC64NVME is left to the SDK). */
const CHECKSUMS: Record<string, (data: Uint8Array) => string> = {
  CRC32: (data) => u32(crc32(data)),
  CRC32C: (data) => u32(crc32c(data)),
  SHA1: (data) => createHash('sha1').update(data).digest('base64'),
  SHA256: (data) => createHash('sha256').update(data).digest('base64'),
}

/**
 * Whether the call can be made in process: the operation's bindings are kept (the emulator
 * serves it), and its input is one this converter writes as the SDK would (a body given as text
 * or bytes, a checksum algorithm computed here). Anything else goes over the SDK's in-memory path.
 */
export function s3DirectOperation(operation: string, input?: Record<string, unknown>): boolean {
  const op = restXmlOperation(operation)
  if (!op || !op.input) return false
  if (input === undefined) return true
  for (const member of SDK_REWRITTEN) if (input[member] !== undefined) return false
  const shape = restXmlShape(op.input)
  if (shape.payload !== undefined) {
    const body = input[shape.payload]
    const payload = restXmlShape(shape.members![shape.payload]!.shape)
    if ((payload.type === 'blob' || payload.type === 'string') && body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) return false
  }
  if (op.checksumMember !== undefined) {
    const algorithm = input[op.checksumMember]
    if (algorithm !== undefined && !Object.hasOwn(CHECKSUMS, String(algorithm))) return false
  }
  return true
}

/** The request an in-process S3 call stands for: `base` (source address, TLS, time) with the SDK's request line, headers and body. */
export function s3DirectIncoming(base: Incoming, operation: string, input: Record<string, unknown>, region: string): Incoming {
  const wire = toWireRequest(operation, withSdkCustomizations(operation, input, region))
  return { ...base, method: wire.method, rawPath: wire.rawPath, query: wire.query, headers: new RecordHeaders(wire.headers), body: wire.body }
}

/** Answer one call made with `inc` (from s3DirectIncoming; see module doc). Never throws for an AWS answer. */
export async function handleS3Direct(rt: Runtime, inc: Incoming, req: S3DirectRequest, exchange: Exchange): Promise<DirectAnswer> {
  const res = await handleS3(rt, inc, exchange, { ...(req.credentials ? { credentials: req.credentials } : {}), region: req.region })
  return fromWireResponse(req.operation, inc.method, res)
}

// ---- input: the SDK's object -> the request the SDK would send ----

/**
 * What @aws-sdk/client-s3's own middleware changes in the input before serialising it: a
 * CreateBucket outside us-east-1 without a location constraint gets the client's region
 * (middleware-location-constraint), written into the caller's object as the SDK writes it.
 */
function withSdkCustomizations(operation: string, input: Record<string, unknown>, region: string): Record<string, unknown> {
  if (operation !== 'CreateBucket' || region === 'us-east-1') return input
  const config = input.CreateBucketConfiguration as { LocationConstraint?: unknown; Location?: unknown } | undefined
  if (config?.LocationConstraint || config?.Location) return input
  input.CreateBucketConfiguration = config ?? {}
  ;(input.CreateBucketConfiguration as { LocationConstraint?: unknown }).LocationConstraint = region
  return input
}

/** Input members the SDK rewrites before sending (SSE-C keys: base64 and their MD5): left to the SDK. */
const SDK_REWRITTEN = ['SSECustomerKey', 'CopySourceSSECustomerKey']

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

// ---- output: the handler's answer -> what the SDK deserialises ----

/** The SDK's XML reading: attributes as members, text kept as sent, nothing parsed as numbers. */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  processEntities: true,
  htmlEntities: true,
})

function parseRoot(text: string): { name: string; value: unknown } | undefined {
  if (text.length === 0) return undefined
  const parsed = parser.parse(text) as Record<string, unknown>
  const name = Object.keys(parsed)[0]
  if (name === undefined) return undefined
  const root = parsed[name]
  // A root holding text reads as a member named like the root (GetBucketLocation's LocationConstraint).
  if (typeof root === 'object' && root !== null && (root as Record<string, unknown>)['#text'] !== undefined) {
    const record = root as Record<string, unknown>
    const out = dict<unknown>()
    for (const [k, v] of Object.entries(record)) if (k !== '#text') out[k] = textNodes(v)
    out[name] = record['#text']
    return { name, value: out }
  }
  return { name, value: textNodes(root) }
}

/** Elements holding only text (and attributes the model does not read) as their text, as the SDK's getValueFromTextNode. */
function textNodes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(textNodes)
  if (typeof value !== 'object' || value === null) return value
  const record = value as Record<string, unknown>
  if (record['#text'] !== undefined && Object.keys(record).every((k) => k === '#text' || k.startsWith('xmlns'))) return record['#text']
  const out = dict<unknown>()
  for (const [k, v] of Object.entries(record)) out[k] = textNodes(v)
  return out
}

function bodyText(body: WireResponse['body']): string {
  if (body === undefined) return ''
  return typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
}

function bodyBytes(body: WireResponse['body']): Uint8Array {
  if (body === undefined) return EMPTY
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body
}

/** The handler's answer as the SDK's output or error (see module doc). */
export function fromWireResponse(operation: string, method: string, res: WireResponse): DirectAnswer {
  const headers = dict<string>()
  for (const [k, v] of Object.entries(res.headers)) headers[k.toLowerCase()] = v
  const requestId = headers['x-amz-request-id'] ?? ''
  const ids = { requestId, ...(headers['x-amz-id-2'] !== undefined ? { extendedRequestId: headers['x-amz-id-2'] } : {}) }
  const decision = headers[DECISION_HEADER] !== undefined ? { decision: headers[DECISION_HEADER] } : {}
  if (res.status >= 300) return errorAnswer(method, res, ids, decision)
  const op = restXmlOperation(operation)!
  const output: Record<string, unknown> = {}
  if (op.output) {
    const shape = restXmlShape(op.output)
    const bodyMembers: Array<[string, BindingRef]> = []
    for (const [member, ref] of Object.entries(shape.members ?? {})) {
      const target = restXmlShape(ref.shape)
      if (ref.location === 'header') {
        const text = headers[ref.name!.toLowerCase()]
        const value = text === undefined ? undefined : target.type === 'list' ? splitHeaderList(text).map((v) => scalarValue(restXmlShape(target.member!.shape), v, 'rfc822')) : scalarValue(target, text, 'rfc822')
        if (value !== undefined) output[member] = value
      } else if (ref.location === 'headers') {
        const prefix = ref.name!.toLowerCase()
        const map = dict<string>()
        let any = false
        for (const [k, v] of Object.entries(headers)) {
          if (k.startsWith(prefix)) {
            map[k.slice(prefix.length)] = v
            any = true
          }
        }
        if (any || prefix === 'x-amz-meta-') output[member] = map
      } else if (ref.location === 'statusCode') {
        output[member] = res.status
      } else if (member === shape.payload) {
        if (target.type === 'blob' && ref.streaming) output[member] = sdkStream(bodyBytes(res.body))
        else if (target.type === 'blob') output[member] = new Uint8Array(bodyBytes(res.body))
        else if (target.type === 'string') output[member] = bodyText(res.body)
        else {
          const root = parseRoot(bodyText(res.body))
          if (root !== undefined) output[member] = readValue(target, root.value, 0)
        }
      } else bodyMembers.push([member, ref])
    }
    if (bodyMembers.length > 0 && shape.payload === undefined) {
      const root = parseRoot(bodyText(res.body))
      if (root !== undefined && typeof root.value === 'object' && root.value !== null) {
        const record = root.value as Record<string, unknown>
        for (const [member, ref] of bodyMembers) {
          const key = ref.name ?? member
          const v = Object.hasOwn(record, key) ? record[key] : undefined
          const read = v === undefined || v === null ? undefined : readValue(restXmlShape(ref.shape), v, 0, ref.flattened)
          if (read !== undefined) output[member] = read
        }
      }
    }
  }
  return { ok: true, ...ids, status: res.status, output, ...decision }
}

/** A header list (`a, "b,c"`) split as smithy's splitHeader. */
function splitHeaderList(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))\s*(?:,|$)/g)) {
    if (m.index === text.length) break
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!.trim())
  }
  return out
}

/** One value read by its shape, as the SDK's XmlShapeDeserializer.readSchema. */
function readValue(shape: RestXmlShape, value: unknown, depth: number, flattened = false): unknown {
  if (depth > 30) return undefined
  if (shape.type === 'list') {
    const items = Array.isArray(value) ? value : [value]
    const item = restXmlShape(shape.member!.shape)
    if (flattened || shape.flattened) return items.map((v) => readValue(item, v, depth + 1))
    const first = items[0]
    if (typeof first !== 'object' || first === null) return []
    const key = shape.member!.name ?? 'member'
    const source = Object.hasOwn(first, key) ? (first as Record<string, unknown>)[key] : undefined
    if (source === undefined || source === null) return []
    return (Array.isArray(source) ? source : [source]).map((v) => readValue(item, v, depth + 1))
  }
  if (value === undefined || value === null) return value
  if (shape.type === 'structure') {
    const out: Record<string, unknown> = {}
    if (typeof value !== 'object') return out
    const record = value as Record<string, unknown>
    for (const [member, ref] of Object.entries(shape.members ?? {})) {
      const key = ref.name ?? member
      const v = Object.hasOwn(record, key) ? record[key] : undefined
      const read = v === undefined || v === null ? undefined : readValue(restXmlShape(ref.shape), v, depth + 1, ref.flattened)
      if (read !== undefined) out[member] = read
    }
    return out
  }
  if (shape.type === 'map') {
    const out = dict<unknown>()
    if (typeof value !== 'object') return out
    const entries = Array.isArray(value) ? value : [value]
    const keyName = shape.key!.name ?? 'key'
    const valueName = shape.value!.name ?? 'value'
    const list = shape.flattened ? entries : entries.flatMap((e) => ((e as Record<string, unknown>).entry === undefined ? [] : ([] as unknown[]).concat((e as Record<string, unknown>).entry)))
    for (const entry of list) {
      const e = entry as Record<string, unknown>
      out[String(e[keyName])] = readValue(restXmlShape(shape.value!.shape), e[valueName], depth + 1)
    }
    return out
  }
  if (typeof value === 'object') return undefined
  return scalarValue(shape, String(value), 'iso8601')
}

/** A scalar from its text, with the SDK's types. */
function scalarValue(shape: RestXmlShape, text: string, timestampDefault: 'iso8601' | 'rfc822'): unknown {
  switch (shape.type) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return Number(text)
    case 'timestamp': {
      const format = shape.timestampFormat ?? timestampDefault
      if (format === 'unixTimestamp') return new Date(Number(text) * 1000)
      return new Date(text)
    }
    case 'blob':
      return new Uint8Array(Buffer.from(text, 'base64'))
    default:
      return text
  }
}

/**
 * A response body as the SDK hands it out: a Readable with the SDK's stream mixin
 * (`transformToByteArray`, `transformToString`, `transformToWebStream`).
 */
function sdkStream(bytes: Uint8Array): Readable & { transformToByteArray(): Promise<Uint8Array>; transformToString(encoding?: string): Promise<string>; transformToWebStream(): ReadableStream } {
  const stream = Readable.from(bytes.byteLength ? [Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)] : [])
  let used = false
  const take = async (): Promise<Buffer> => {
    if (used) throw new Error('The stream has already been transformed.')
    used = true
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }
  return Object.assign(stream, {
    transformToByteArray: async () => new Uint8Array(await take()),
    transformToString: async (encoding?: string) => (await take()).toString((encoding ?? 'utf8') as BufferEncoding),
    transformToWebStream: () => {
      if (used) throw new Error('The stream has already been transformed.')
      used = true
      return Readable.toWeb(stream) as unknown as ReadableStream
    },
  })
}

/** An S3 error answer as the SDK's S3ServiceException for it. */
function errorAnswer(method: string, res: WireResponse, ids: { requestId: string; extendedRequestId?: string }, decision: { decision?: string }): DirectAnswer {
  const fields = dict<unknown>()
  const text = method === 'HEAD' ? '' : bodyText(res.body)
  const root = text ? parseRoot(text) : undefined
  if (root && typeof root.value === 'object' && root.value !== null) {
    for (const [k, v] of Object.entries(root.value as Record<string, unknown>)) if (v !== undefined) fields[k] = typeof v === 'object' ? v : String(v)
  }
  const code = typeof fields.Code === 'string' ? fields.Code : res.status === 404 ? 'NotFound' : 'Unknown'
  const message = typeof fields.Message === 'string' ? fields.Message : typeof fields.message === 'string' ? fields.message : 'UnknownError'
  delete fields.Message
  const shapeName = restXmlErrorShape(code)
  let senderFault = res.status < 500
  if (shapeName !== undefined) {
    const shape = restXmlShape(shapeName)
    senderFault = shape.fault !== 'server'
    // The SDK sets each modelled member, present or not.
    for (const [member, ref] of Object.entries(shape.members ?? {})) {
      const key = ref.name ?? member
      const raw = Object.hasOwn(fields, key) ? fields[key] : undefined
      fields[member] = raw === undefined ? undefined : readValue(restXmlShape(ref.shape), raw, 0)
    }
  }
  return { ok: false, ...ids, status: res.status, code, message, senderFault, name: shapeName ?? code, fields, ...decision }
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
