import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { bodyLimits, DEFAULT_MAX_BODY, UNVERIFIED_BUDGET, type Admission } from './admission.js'
import { frontDoor, type FrontDoor } from './create-emulator.js'
import { hostMatcher, isLoopbackBinding, isWildcardAddress } from './http/bind-address.js'
import { checkBrowser, corsHeaders, isPreflight, namesS3Bucket, normaliseOrigin, preflightHeaders, type BrowserPolicy } from './http/browser-guard.js'
import { ByteBudget, readBody } from './http/read-body.js'
import type { HeaderView } from './incoming.js'
import type { WireResponse } from './runtime.js'
import { AwsServiceError } from './services/types.js'
import { CONSISTENCY_DELAY_HEADER, type Emulator, type RequestMeta } from './types.js'
import { dict, hasOwnKey } from '../safe-object.js'

/** Hop-by-hop headers that belong to this connection, not to the request. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'http2-settings'])

/** The body of a request whose body is not read yet (length 0: nothing can change it). */
const NO_BODY = new Uint8Array(0)

/** Headers must arrive within this time (slowloris). */
export const HEADERS_TIMEOUT_MS = 20_000
/** A whole request (headers and body) must arrive within this time, or longer for large caps. */
export const REQUEST_TIMEOUT_MS = 120_000
/** Node's own default, stated: a request's header section is at most 16 KiB. */
export const MAX_HEADER_BYTES = 16 * 1024

export interface ServerOptions {
  port?: number
  host?: string
  /** Largest S3 body accepted (bytes); default 64 MiB. */
  maxBody?: number
  /** Browser origins allowed to call (scheme://host[:port]); others are refused. */
  allowOrigins?: readonly string[]
  /** Host names answered besides loopback and the bound address (with their subdomains). */
  allowHosts?: readonly string[]
  /** Bytes of not-yet-authenticated bodies held at once (default 64 MiB, at least maxBody). */
  unverifiedBytes?: number
  /** Serve HTTPS with this certificate and key (PEM); requests then carry aws:SecureTransport true. */
  tls?: { cert: string; key: string }
}

export interface RunningServer {
  server: Server
  /** `http://host:port`, or `https://host:port` with `tls` */
  url: string
  port: number
  /** The address actually bound, as the OS reports it (`127.0.0.1`, `::`, `0.0.0.0`, ...). */
  address: string
  /** False when the server listens beyond loopback (all interfaces, or a LAN address). */
  loopbackOnly: boolean
  close(): Promise<void>
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out = dict<string>()
  new NodeHeaderView(req.headers).forEach((value, name) => {
    out[name] = value
  })
  return out
}

/**
 * node's `req.headers` as the emulator reads headers, without copying them: hop-by-hop headers
 * left out, a header node keeps as a list (set-cookie) joined with `, `. Header names are the
 * client's: only the object's own properties are headers.
 */
class NodeHeaderView implements HeaderView {
  constructor(private readonly headers: IncomingHttpHeaders) {}
  get(name: string): string | null {
    if (HOP_BY_HOP.has(name) || !Object.hasOwn(this.headers, name)) return null
    const value = this.headers[name]
    return value === undefined ? null : typeof value === 'string' ? value : value.join(', ')
  }
  has(name: string): boolean {
    return this.get(name) !== null
  }
  forEach(callback: (value: string, name: string) => void): void {
    for (const name of Object.keys(this.headers)) {
      const value = this.get(name)
      if (value !== null) callback(value, name)
    }
  }
}

/** Everything one server shares between requests. */
interface Context {
  emulator: Emulator
  door: FrontDoor | undefined
  limits: ReturnType<typeof bodyLimits>
  budget: ByteBudget
  browser: BrowserPolicy
  /** `host:port` the server is bound to (for a request without a usable Host). */
  self: string
  /** HTTPS (`serve --tls`): requests carry aws:SecureTransport true. */
  secure: boolean
}

/** The declared Content-Length, or undefined (chunked, or none). */
function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers['content-length']
  if (raw === undefined || req.headers['transfer-encoding'] !== undefined) return undefined
  return /^\d{1,16}$/.test(raw) ? Number(raw) : undefined
}

/**
 * Write an answer: the emulator's consistency delay on every one, then the wire headers (and
 * `extra`, the CORS headers, unless the answer has its own; they replace a wire header of the
 * same name). One `writeHead` with every header as a flat name/value list and nothing set
 * before it keeps node on its fast path: no object is built (header names can be chosen by
 * callers, x-amz-meta-*), and headers set earlier with `setHeader` would make node validate
 * and copy each one again.
 */
function send(ctx: Context, req: IncomingMessage, res: ServerResponse, wire: WireResponse, extra?: Record<string, string>, close = false): void {
  const body = wire.body
  const own = wire.headers
  // An answer with CORS headers of its own (S3's, from a bucket's CORS rules) keeps them.
  const cors = extra !== undefined && !hasOwnKey(own, 'access-control-allow-origin') ? extra : undefined
  const list: string[] = []
  if (!hasOwnKey(own, CONSISTENCY_DELAY_HEADER)) list.push(CONSISTENCY_DELAY_HEADER, String(ctx.emulator.consistencyDelayMs ?? 0))
  for (const name of Object.keys(own)) {
    if ((cors !== undefined && Object.hasOwn(cors, name)) || (close && name === 'connection')) continue
    list.push(name, own[name]!)
  }
  if (cors !== undefined) for (const name of Object.keys(cors)) list.push(name, cors[name]!)
  if (body !== undefined && !hasOwnKey(own, 'content-length')) list.push('content-length', String(typeof body === 'string' ? Buffer.byteLength(body) : body.length))
  // A body left unread cannot be skipped over: the connection ends after this answer.
  if (close) list.push('connection', 'close')
  res.writeHead(wire.status, list)
  // A string body is written as UTF-8 (what content-length counts), in one write with the head.
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** Through the emulator's entry point for emulators that are not ours (no admission, plain cap). */
async function foreign(ctx: Context, req: IncomingMessage, res: ServerResponse, url: string, headers: Record<string, string>, meta: RequestMeta): Promise<void> {
  const read = await readBody(req, ctx.limits.s3)
  if (read.kind === 'aborted') return
  if (read.kind !== 'ok') return send(ctx, req, res, { status: 413, headers: { 'content-type': 'text/plain' }, body: 'request body too large' }, undefined, true)
  const method = (req.method ?? 'GET').toUpperCase()
  const hasBody = method !== 'GET' && method !== 'HEAD' && read.body.length > 0
  const response = await ctx.emulator.handle(new Request(url, { method, headers, ...(hasBody ? { body: read.body } : {}) }), meta)
  const out: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    out[name] = value
  })
  send(ctx, req, res, { status: response.status, headers: out, ...(response.body ? { body: new Uint8Array(await response.arrayBuffer()) } : {}) })
}

/**
 * One request: browser checks, then admission (decided on headers alone, before any body byte
 * is read), then the body read within its cap, then the emulator.
 */
async function answer(ctx: Context, req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
  const view = new NodeHeaderView(req.headers)
  const method = (req.method ?? 'GET').toUpperCase()
  const declared = declaredLength(req)
  const bodyPending = declared !== 0 && (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined)
  if (!req.url?.startsWith('/')) {
    // `OPTIONS *`, absolute-form targets: no AWS API uses them.
    return send(ctx, req, res, { status: 400, headers: { 'content-type': 'text/plain' }, body: 'iamflow serve: the request target must be a path starting with /\n' }, undefined, bodyPending)
  }
  const query = req.url.indexOf('?')
  const rawPath = query < 0 ? req.url : req.url.slice(0, query)
  const address = req.socket.remoteAddress
  const remote = address?.startsWith('::ffff:') ? address.slice(7) : address
  // Built field by field: a conditional spread here cost more than the rest of this function.
  const meta: RequestMeta = { secure: ctx.secure, rawPath }
  if (remote) meta.sourceIp = remote
  const url = `${ctx.secure ? 'https' : 'http'}://${safeHostCached(view.get('host') ?? undefined) ?? ctx.self}${req.url}`
  const parts = { method, url, headers: view, body: NO_BODY, meta }

  const verdict = checkBrowser(view, ctx.browser)
  if (!verdict.ok) {
    const error = new AwsServiceError('AccessDenied', 403, verdict.message)
    const wire = ctx.door ? ctx.door.refuse(parts, error) : { status: 403, headers: { 'content-type': 'text/plain' }, body: verdict.message }
    return send(ctx, req, res, wire, undefined, bodyPending)
  }
  const cors = verdict.corsOrigin ? corsHeaders(verdict.corsOrigin) : undefined
  // Preflights naming a bucket go on to S3, which answers from the bucket's CORS configuration.
  if (verdict.corsOrigin && isPreflight(method, view) && !namesS3Bucket(rawPath, view.get('host'))) {
    return send(ctx, req, res, { status: 200, headers: preflightHeaders(verdict.corsOrigin, view) }, undefined, bodyPending)
  }
  if (!ctx.door) return foreign(ctx, req, res, url, headerRecord(req), meta)

  const admission: Admission = ctx.door.admit(parts, declared, ctx.limits)
  if (admission.kind === 'answer') return send(ctx, req, res, admission.response, cors, bodyPending)
  if (expectsContinue) res.writeContinue()
  const held = { bytes: 0 }
  try {
    const read = await readBody(req, admission.limit, admission.unverified ? ctx.budget : undefined, held)
    if (read.kind === 'aborted') return
    if (read.kind === 'too-large') return send(ctx, req, res, admission.tooLarge(read.received), cors, true)
    if (read.kind === 'busy') return send(ctx, req, res, admission.busy(), cors, true)
    const wire = await admission.finish(read.body)
    send(ctx, req, res, wire, cors)
  } finally {
    ctx.budget.give(held.bytes)
  }
}

/** The Host header when it can be part of a URL; a hostile one is refused by the browser check. */
function safeHost(host: string | undefined): string | undefined {
  if (!host) return undefined
  try {
    return new URL(`http://${host}/`).host === host.toLowerCase() ? host : undefined
  } catch {
    return undefined
  }
}

/**
 * {@link safeHost}, remembered for the last few Host values (clients send the same one on every
 * request). Bounded: the cache is emptied when it is full.
 */
const safeHosts = new Map<string, string | undefined>()
const SAFE_HOSTS_LIMIT = 64
const HOST_LENGTH_CACHED = 256

function safeHostCached(host: string | undefined): string | undefined {
  if (!host || host.length > HOST_LENGTH_CACHED) return safeHost(host)
  if (safeHosts.has(host)) return safeHosts.get(host)
  const safe = safeHost(host)
  if (safeHosts.size >= SAFE_HOSTS_LIMIT) safeHosts.clear()
  safeHosts.set(host, safe)
  return safe
}

/**
 * Serve the emulator over HTTP/1.1 (keep-alive) on `host:port` (port 0 = any free port).
 * Every request goes through the emulator; the socket's address becomes aws:SourceIp.
 * Bodies are capped and checked before they are read (see README, "Security").
 */
export function startServer(emulator: Emulator, opts: ServerOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1'
  const maxBody = opts.maxBody ?? DEFAULT_MAX_BODY
  const origins = new Set<string>()
  for (const o of opts.allowOrigins ?? []) {
    const normal = normaliseOrigin(o)
    if (normal === undefined) throw new Error(`not an origin (scheme://host[:port]): '${o}'`)
    origins.add(normal)
  }
  const ctx: Context = {
    emulator,
    door: frontDoor(emulator),
    limits: bodyLimits(maxBody),
    budget: new ByteBudget(opts.unverifiedBytes ?? Math.max(UNVERIFIED_BUDGET, maxBody)),
    browser: { origins, hostAllowed: () => false },
    self: host,
    secure: opts.tls !== undefined,
  }
  const serverOptions = {
    keepAlive: true,
    maxHeaderSize: MAX_HEADER_BYTES,
    headersTimeout: HEADERS_TIMEOUT_MS,
    // Room for a large --max-body at 10 MiB/s on a slow disk or client.
    requestTimeout: Math.max(REQUEST_TIMEOUT_MS, Math.ceil(maxBody / (10 * 1024 * 1024)) * 1000),
  }
  // node:https's server answers the same 'request' and 'checkContinue' events as node:http's.
  const server: Server = opts.tls ? (createTlsServer({ ...serverOptions, cert: opts.tls.cert, key: opts.tls.key }) as unknown as Server) : createServer(serverOptions)
  const handle = (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => {
    answer(ctx, req, res, expectsContinue).catch((err: unknown) => {
      console.error('iamflow serve: request failed:', err)
      if (!res.headersSent) res.writeHead(500, { [CONSISTENCY_DELAY_HEADER]: String(ctx.emulator.consistencyDelayMs ?? 0), 'content-type': 'text/plain', connection: 'close' })
      res.end('internal error')
    })
  }
  server.on('request', (req, res) => handle(req, res, false))
  // Answered like any request, except that "100 Continue" is sent only once the request is admitted.
  server.on('checkContinue', (req, res) => handle(req, res, true))
  server.keepAliveTimeout = 65_000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 4566, host, () => {
      server.off('error', reject)
      const info = server.address() as AddressInfo
      const port = info.port
      ctx.browser = { origins, hostAllowed: hostMatcher(info.address, opts.allowHosts ?? []) }
      const shown = isWildcardAddress(info.address) ? '127.0.0.1' : info.family === 'IPv6' ? `[${info.address}]` : info.address
      ctx.self = `${shown}:${port}`
      resolve({
        server,
        port,
        address: info.address,
        loopbackOnly: isLoopbackBinding(info.address),
        url: `${opts.tls ? 'https' : 'http'}://${shown}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}
