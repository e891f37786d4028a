/**
 * The in-process S3 path's answer side (./s3-direct.ts): the emulator's S3 answer read back by
 * the model's output shape into what the SDK deserialises (its output object, or its
 * S3ServiceException).
 */
import { Readable } from 'node:stream'
import { XMLParser } from 'fast-xml-parser'
import { restXmlErrorShape, restXmlOperation, restXmlShape, type BindingRef, type RestXmlShape } from '../../aws-model/rest-xml.js'
import { dict } from '../../safe-object.js'
import type { WireResponse } from '../runtime.js'
import { DECISION_HEADER } from '../types.js'
import type { DirectAnswer } from './direct.js'

const EMPTY = new Uint8Array(0)

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
