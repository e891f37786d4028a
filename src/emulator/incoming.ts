import type { RequestMeta } from './types.js'
import { parseForm } from './protocols/query-parse.js'

/** A request read once into the shape every layer needs (body buffered, query decoded). */
export interface Incoming {
  method: string
  url: URL
  /** The path as sent, still percent-encoded (S3 signs it this way). */
  rawPath: string
  /** Decoded query parameters in order. */
  query: Array<[string, string]>
  headers: Headers
  body: Uint8Array
  /** Host header (with port), or the URL's host. */
  host: string
  sourceIp?: string
  secure: boolean
  /** Emulator time when the request arrived (epoch ms). */
  now: number
}

/** Buffer a fetch Request into an Incoming. */
export async function readIncoming(request: Request, meta: RequestMeta | undefined, now: number): Promise<Incoming> {
  const url = new URL(request.url)
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array(0)
  return {
    method: request.method.toUpperCase(),
    url,
    rawPath: meta?.rawPath ?? url.pathname,
    query: parseForm(url.search.slice(1)),
    headers: request.headers,
    body,
    host: request.headers.get('host') ?? url.host,
    ...(meta?.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    secure: meta?.secure ?? url.protocol === 'https:',
    now,
  }
}
