import type { RequestMeta } from './types.js'
import { parseForm } from './protocols/query-parse.js'
import { ownGet } from '../safe-object.js'

/** Read-only request headers with lower-case names; a fetch `Headers` satisfies it. */
export interface HeaderView {
  get(name: string): string | null
  has(name: string): boolean
  forEach(callback: (value: string, name: string) => void): void
}

/**
 * A HeaderView over a record of lower-case names (node:http's `req.headers`). Header names are
 * the client's: only the record's own properties are headers (`constructor` is not one).
 */
export class RecordHeaders implements HeaderView {
  constructor(private readonly record: Record<string, string>) {}
  get(name: string): string | null {
    return ownGet(this.record, name) ?? null
  }
  has(name: string): boolean {
    return ownGet(this.record, name) !== undefined
  }
  forEach(callback: (value: string, name: string) => void): void {
    for (const [k, v] of Object.entries(this.record)) callback(v, k)
  }
}

/** A request read once into the shape every layer needs (body buffered, query decoded). */
export interface Incoming {
  method: string
  url: URL
  /** The path as sent, still percent-encoded (S3 signs it this way). */
  rawPath: string
  /** Decoded query parameters in order. */
  query: Array<[string, string]>
  headers: HeaderView
  body: Uint8Array
  /** Host header (with port), or the URL's host. */
  host: string
  sourceIp?: string
  secure: boolean
  /** Emulator time when the request arrived (epoch ms). */
  now: number
}

/** The parts of a request as a transport has them (no fetch objects needed). */
export interface IncomingParts {
  method: string
  /** Absolute URL. */
  url: string
  headers: HeaderView
  body: Uint8Array
  meta?: RequestMeta
}

/** Build an Incoming from transport parts. */
export function incomingFrom(parts: IncomingParts, now: number): Incoming {
  const url = new URL(parts.url)
  const meta = parts.meta
  const inc: Incoming = {
    method: parts.method.toUpperCase(),
    url,
    rawPath: meta?.rawPath ?? url.pathname,
    query: parseForm(url.search.slice(1)),
    headers: parts.headers,
    body: parts.body,
    host: parts.headers.get('host') ?? url.host,
    secure: meta?.secure ?? url.protocol === 'https:',
    now,
  }
  // Set, not spread: this runs on every request (see server.ts).
  if (meta?.sourceIp) inc.sourceIp = meta.sourceIp
  return inc
}

/** Buffer a fetch Request into an Incoming. */
export async function readIncoming(request: Request, meta: RequestMeta | undefined, now: number): Promise<Incoming> {
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array(0)
  return incomingFrom({ method: request.method, url: request.url, headers: request.headers, body, ...(meta ? { meta } : {}) }, now)
}
