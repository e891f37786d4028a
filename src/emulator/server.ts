import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Emulator } from './types.js'

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

function toRequest(req: IncomingMessage, body: Buffer, fallbackHost: string): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue
    headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const host = req.headers.host ?? fallbackHost
  const method = (req.method ?? 'GET').toUpperCase()
  const hasBody = method !== 'GET' && method !== 'HEAD' && body.length > 0
  return new Request(`http://${host}${req.url ?? '/'}`, { method, headers, ...(hasBody ? { body } : {}) })
}

async function answer(emulator: Emulator, req: IncomingMessage, res: ServerResponse, fallbackHost: string): Promise<void> {
  const body = await readBody(req)
  const rawPath = (req.url ?? '/').split('?')[0]!
  const remote = req.socket.remoteAddress?.replace(/^::ffff:/, '')
  const response = await emulator.handle(toRequest(req, body, fallbackHost), {
    ...(remote ? { sourceIp: remote } : {}),
    secure: false,
    rawPath,
  })
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  const payload = response.body ? Buffer.from(await response.arrayBuffer()) : undefined
  if (payload && headers['content-length'] === undefined) headers['content-length'] = String(payload.length)
  res.writeHead(response.status, headers)
  res.end(req.method === 'HEAD' ? undefined : payload)
}

/**
 * Serve the emulator over HTTP/1.1 (keep-alive) on `host:port` (port 0 = any free port).
 * Every request goes through `emulator.handle()`; the socket's address becomes aws:SourceIp.
 */
export function startServer(emulator: Emulator, opts: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1'
  const server = createServer({ keepAlive: true }, (req, res) => {
    answer(emulator, req, res, `${host}:${(server.address() as AddressInfo).port}`).catch((err: unknown) => {
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
