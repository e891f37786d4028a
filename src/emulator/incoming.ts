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

/**
 * A body's UTF-8 text, decoded once per request: routing reads a form body's Version and Action,
 * then the Query protocol parses the same body. Kept on the request object under a symbol of
 * ours, with the body it was decoded from (a different body is decoded afresh).
 */
const BODY_TEXT = Symbol('iamflow.incoming.body-text')
type WithBodyText = Incoming & { [BODY_TEXT]?: { body: Uint8Array; text: string } }

export function bodyText(inc: Incoming, body: Uint8Array = inc.body): string {
  const known = (inc as WithBodyText)[BODY_TEXT]
  if (known !== undefined && known.body === body) return known.text
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
  ;(inc as WithBodyText)[BODY_TEXT] = { body, text }
  return text
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

/**
 * Build an Incoming from transport parts. The URL parser runs only when its answer could
 * differ from the request target as sent: a transport that gives the raw path and the scheme
 * (serve) and a Host header, with a query of printable ASCII that WHATWG URL parsing keeps as
 * it is (no `"`, `#`, `'`, `<`, `>`), is read directly (`incoming.test.ts` checks both ways agree).
 */
export function incomingFrom(parts: IncomingParts, now: number): Incoming {
  const meta = parts.meta
  const hostHeader = parts.headers.get('host')
  let search: string | undefined
  if (meta?.rawPath !== undefined && meta.secure !== undefined && hostHeader !== null) search = plainSearch(parts.url)
  let rawPath: string
  let host: string
  let secure: boolean
  if (search === undefined) {
    const url = new URL(parts.url)
    search = url.search.slice(1)
    rawPath = meta?.rawPath ?? url.pathname
    host = hostHeader ?? url.host
    secure = meta?.secure ?? url.protocol === 'https:'
  } else {
    rawPath = meta!.rawPath!
    host = hostHeader!
    secure = meta!.secure!
  }
  const inc: Incoming = {
    method: parts.method.toUpperCase(),
    rawPath,
    query: search === '' ? [] : parseForm(search),
    headers: parts.headers,
    body: parts.body,
    host,
    secure,
    now,
  }
  // Set, not spread: this runs on every request (see server.ts).
  if (meta?.sourceIp) inc.sourceIp = meta.sourceIp
  return inc
}

/**
 * The query of an absolute URL (without `?`) when URL parsing would keep it byte for byte: the
 * whole URL printable ASCII without `#` (a fragment, or a `?` inside one), the query without the
 * characters WHATWG URL percent-encodes in a special scheme's query (`"`, `'`, `<`, `>`).
 * Undefined otherwise (the caller parses the URL).
 */
export function plainSearch(url: string): string | undefined {
  const q = url.indexOf('?')
  const end = q < 0 ? url.length : q
  for (let i = 0; i < end; i++) {
    const c = url.charCodeAt(i)
    if (c <= 0x20 || c >= 0x7f || c === 0x23) return undefined
  }
  if (q < 0) return ''
  for (let i = q + 1; i < url.length; i++) {
    const c = url.charCodeAt(i)
    if (c <= 0x20 || c >= 0x7f || c === 0x22 || c === 0x23 || c === 0x27 || c === 0x3c || c === 0x3e) return undefined
  }
  return url.slice(q + 1)
}

/** Buffer a fetch Request into an Incoming. */
export async function readIncoming(request: Request, meta: RequestMeta | undefined, now: number): Promise<Incoming> {
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array(0)
  return incomingFrom({ method: request.method, url: request.url, headers: request.headers, body, ...(meta ? { meta } : {}) }, now)
}
