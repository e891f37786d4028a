import { Readable } from 'node:stream'
import type { HttpHandler, HttpRequest } from '@smithy/protocol-http'
import { rawHandler } from './create-emulator.js'
import { RecordHeaders } from './incoming.js'
import type { Emulator, RequestMeta } from './types.js'
import { dict } from '../safe-object.js'

let protocolHttp: Promise<typeof import('@smithy/protocol-http')> | undefined

/** RFC 3986 encoding, as the SDK's own HTTP handlers build query strings. */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function queryString(query: HttpRequest['query']): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined) parts.push(encode(key))
    else if (Array.isArray(value)) for (const v of value) parts.push(`${encode(key)}=${encode(v)}`)
    else parts.push(`${encode(key)}=${encode(value)}`)
  }
  return parts.join('&')
}

async function bodyBytes(body: unknown): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  if (body instanceof Uint8Array) return body
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = []
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk))
    }
    return Buffer.concat(chunks)
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) return new Uint8Array(await body.arrayBuffer())
  throw new Error(`in-memory handler: unsupported request body type ${Object.prototype.toString.call(body)}`)
}

/**
 * An SDK v3 `requestHandler` that answers from the emulator in memory (no socket). Every SDK
 * middleware (endpoint, signing, retries, parsing) still runs: only the transport is replaced.
 *
 * ```ts
 * new IAMClient({ endpoint: 'http://localhost:4566', requestHandler: createInMemoryHandler(emulator), ... })
 * ```
 */
export function createInMemoryHandler(emulator: Emulator, meta: RequestMeta = { sourceIp: '127.0.0.1', secure: false }): HttpHandler {
  const raw = rawHandler(emulator)
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest) {
      const port = request.port ? `:${request.port}` : ''
      const qs = queryString(request.query)
      const url = `${request.protocol}//${request.hostname}${port}${request.path}${qs ? `?${qs}` : ''}`
      const method = request.method.toUpperCase()
      const body = method === 'GET' || method === 'HEAD' ? undefined : await bodyBytes(request.body)
      const requestMeta: RequestMeta = { ...meta, secure: meta.secure ?? request.protocol === 'https:', rawPath: request.path }
      const headers = dict<string>()
      for (const [k, v] of Object.entries(request.headers)) if (v !== undefined) headers[k.toLowerCase()] = v
      let status: number
      let responseHeaders: Record<string, string>
      let bytes: Buffer
      if (raw) {
        const wire = await raw({ method, url, headers: new RecordHeaders(headers), body: body ?? new Uint8Array(0), meta: requestMeta })
        status = wire.status
        responseHeaders = wire.headers
        bytes = wire.body === undefined ? Buffer.alloc(0) : Buffer.from(wire.body)
      } else {
        const res = await emulator.handle(new Request(url, { method, headers, ...(body ? { body } : {}) }), requestMeta)
        status = res.status
        responseHeaders = {}
        res.headers.forEach((value, key) => {
          responseHeaders[key] = value
        })
        bytes = Buffer.from(await res.arrayBuffer())
      }
      // Loaded with the first SDK request (the SDK has it loaded by then): not at start-up.
      const { HttpResponse } = await (protocolHttp ??= import('@smithy/protocol-http'))
      return {
        response: new HttpResponse({
          statusCode: status,
          headers: responseHeaders,
          body: Readable.from(bytes.length ? [bytes] : []),
        }),
      }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  }
}
