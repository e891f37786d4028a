import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rawHandler, type RawHandle } from './create-emulator.js'
import { RecordHeaders } from './incoming.js'
import type { WireResponse } from './runtime.js'
import type { Emulator, RequestMeta } from './types.js'
import { dict } from '../safe-object.js'

/** Hop-by-hop headers that belong to this connection, not to the request. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'http2-settings'])

export interface RunningServer {
  server: Server
  /** `http://host:port` */
  url: string
  port: number
  close(): Promise<void>
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out = dict<string>()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue
    out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

/** Through the emulator's fetch-free entry point, or through `handle()` for other emulators. */
async function dispatch(emulator: Emulator, raw: RawHandle | undefined, req: IncomingMessage, body: Buffer, host: string): Promise<WireResponse> {
  const headers = headerRecord(req)
  const method = (req.method ?? 'GET').toUpperCase()
  const url = `http://${headers.host ?? host}${req.url ?? '/'}`
  const remote = req.socket.remoteAddress?.replace(/^::ffff:/, '')
  const meta: RequestMeta = { ...(remote ? { sourceIp: remote } : {}), secure: false, rawPath: (req.url ?? '/').split('?')[0]! }
  if (raw) return raw({ method, url, headers: new RecordHeaders(headers), body, meta })
  const hasBody = method !== 'GET' && method !== 'HEAD' && body.length > 0
  const response = await emulator.handle(new Request(url, { method, headers, ...(hasBody ? { body } : {}) }), meta)
  const out: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    out[name] = value
  })
  return { status: response.status, headers: out, ...(response.body ? { body: new Uint8Array(await response.arrayBuffer()) } : {}) }
}

async function answer(emulator: Emulator, raw: RawHandle | undefined, req: IncomingMessage, res: ServerResponse, host: string): Promise<void> {
  const body = await readBody(req)
  const wire = await dispatch(emulator, raw, req, body, host)
  const payload = wire.body === undefined ? undefined : typeof wire.body === 'string' ? Buffer.from(wire.body) : wire.body
  const headers = wire.headers
  if (payload && headers['content-length'] === undefined) headers['content-length'] = String(payload.length)
  res.writeHead(wire.status, headers)
  res.end(req.method === 'HEAD' ? undefined : payload)
}

/**
 * Serve the emulator over HTTP/1.1 (keep-alive) on `host:port` (port 0 = any free port).
 * Every request goes through the emulator; the socket's address becomes aws:SourceIp.
 */
export function startServer(emulator: Emulator, opts: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1'
  const raw = rawHandler(emulator)
  const server = createServer({ keepAlive: true }, (req, res) => {
    answer(emulator, raw, req, res, `${host}:${(server.address() as AddressInfo).port}`).catch((err: unknown) => {
      console.error('iamflow serve: request failed:', err)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('internal error')
    })
  })
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 4566, host, () => {
      server.off('error', reject)
      const port = (server.address() as AddressInfo).port
      const shownHost = host.includes(':') ? `[${host}]` : host
      resolve({
        server,
        port,
        url: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}
