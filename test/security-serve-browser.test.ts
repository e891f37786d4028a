import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import { rawExchange } from './helpers/raw-socket.js'
import { FORM_TYPE, queryBody, type RawRequest, sendRaw, signRaw } from './helpers/reliability/sigv4.js'

/**
 * Issue 12, defect 5: a web page can reach a loopback server. With the published root key it
 * could presign a request and fire it with `fetch(url, {mode: 'no-cors'})`, and through DNS
 * rebinding (its own name resolved to 127.0.0.1) it could read answers. The server refuses an
 * Origin it was not told to allow, Sec-Fetch-Site cross-site/same-site, and a Host that is not
 * its own; `--allow-origin` / `--allow-host` open it on purpose (CORS preflight included).
 */
const em = createEmulator()
let server: RunningServer
let open: RunningServer

beforeAll(async () => {
  server = await startServer(em, { port: 0, host: '127.0.0.1' })
  open = await startServer(em, { port: 0, host: '127.0.0.1', allowOrigins: ['http://localhost:3000'], allowHosts: ['lab.test'] })
  const r = await signRaw({ method: 'PUT', path: '/site-b', headers: {}, body: '' }, new URL(server.url).host, { service: 's3', creds: em.root })
  expect((await sendRaw(server.url, r)).status).toBe(200)
})
afterAll(async () => {
  await server?.close()
  await open?.close()
})

/** A presigned IAM CreateUser URL, as a hostile page holding the published root key would build it. */
async function presignedCreateUser(s: RunningServer, name: string, hostHeader?: string): Promise<RawRequest> {
  const host = hostHeader ?? new URL(s.url).host
  return signRaw({ method: 'GET', path: '/', query: { Action: 'CreateUser', Version: '2010-05-08', UserName: name }, headers: {} }, host, { service: 'iam', creds: em.root, presign: 300 })
}

const withHeaders = (r: RawRequest, h: Record<string, string>): RawRequest => ({ ...r, headers: { ...r.headers, ...h } })

describe('cross-site requests', () => {
  it("a no-cors fetch of a presigned CreateUser URL from another site is refused, and the user is not created", async () => {
    const res = await sendRaw(server.url, withHeaders(await presignedCreateUser(server, 'from-evil'), { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }))
    expect([res.status, res.code]).toEqual([403, 'AccessDenied'])
    expect(res.message).toBe("iamflow serve refuses cross-site requests from browsers: Origin 'https://evil.example' is not allowed. To allow a browser client on purpose, start it with --allow-origin https://evil.example.")
    expect(res.body).toContain('<ErrorResponse') // the Query service's own envelope
    expect(em.inventory().users).not.toContain('from-evil')
  })

  it('Sec-Fetch-Site cross-site or same-site without an Origin (a GET no-cors image) is refused; a typed-in URL (none) is served', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const res = await sendRaw(server.url, withHeaders(await presignedCreateUser(server, `img-${site}`), { 'sec-fetch-site': site }))
      expect([res.status, res.code], site).toEqual([403, 'AccessDenied'])
    }
    const typed = await sendRaw(server.url, withHeaders(await presignedCreateUser(server, 'typed-in'), { 'sec-fetch-site': 'none' }))
    expect(typed.status).toBe(200)
    expect(em.inventory().users).toEqual(['typed-in'])
  })

  it('S3 answers the refusal in its own XML', async () => {
    const res = await sendRaw(server.url, { method: 'GET', path: '/site-b', headers: { origin: 'http://localhost:3000' } })
    expect([res.status, res.code]).toEqual([403, 'AccessDenied'])
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code>/)
    expect(res.message).toContain('--allow-origin http://localhost:3000')
  })

  it('--allow-origin: that origin is served with CORS headers, its preflight answered; others still refused', async () => {
    const pre = await sendRaw(open.url, { method: 'OPTIONS', path: '/', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-amz-date,content-type' } })
    expect(pre.status).toBe(200)
    expect(pre.headers['access-control-allow-origin']).toBe('http://localhost:3000')
    expect(pre.headers['access-control-allow-headers']).toBe('authorization,x-amz-date,content-type')
    expect(pre.headers['access-control-allow-methods']).toBe('GET, PUT, POST, DELETE, HEAD')
    const host = new URL(open.url).host
    const call = await signRaw({ method: 'POST', path: '/', headers: { 'content-type': FORM_TYPE }, body: queryBody('GetCallerIdentity', '2011-06-15') }, host, { service: 'sts', creds: em.root })
    const res = await sendRaw(open.url, withHeaders(call, { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' }))
    expect(res.status).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000')
    expect(res.headers['access-control-expose-headers']).toContain('x-amzn-requestid')
    const other = await sendRaw(open.url, { method: 'OPTIONS', path: '/', headers: { origin: 'http://localhost:3001', 'access-control-request-method': 'POST' } })
    expect(other.status).toBe(403)
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('Host (DNS rebinding)', () => {
  it('Host: evil.example:PORT is refused, even with a valid signature for that host', async () => {
    const port = new URL(server.url).port
    const r = await presignedCreateUser(server, 'rebound', `evil.example:${port}`)
    const res = await sendRaw(server.url, withHeaders(r, { host: `evil.example:${port}` }))
    expect([res.status, res.code]).toEqual([403, 'AccessDenied'])
    expect(res.message).toBe(`iamflow serve refuses Host 'evil.example:${port}': it answers only to its own address and to names allowed with --allow-host (protection against DNS rebinding). To use this name on purpose, start it with --allow-host evil.example.`)
    expect(em.inventory().users).not.toContain('rebound')
  })

  it('an absolute-form or * request target is a plain 400, not an internal error', async () => {
    for (const target of ['http://evil.example/site-b', '*']) {
      const r = await rawExchange(server.port, [`OPTIONS ${target} HTTP/1.1`, `Host: 127.0.0.1:${server.port}`, 'Content-Length: 0'])
      expect([r.status, r.body], target).toEqual([400, 'iamflow serve: the request target must be a path starting with /\n'])
    }
  })

  it('loopback names are served: 127.0.0.1, localhost, [::1], and virtual-hosted <bucket>.localhost', async () => {
    const port = new URL(server.url).port
    for (const h of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `site-b.localhost:${port}`]) {
      const path = h.startsWith('site-b.') ? '/' : '/site-b'
      const r = await signRaw({ method: 'GET', path, query: { 'list-type': '2' }, headers: {} }, h, { service: 's3', creds: em.root })
      const res = await sendRaw(server.url, withHeaders(r, { host: h }))
      expect([res.status, res.body.includes('<Name>site-b</Name>')], h).toEqual([200, true])
    }
  })

  it('--allow-host NAME serves NAME and its subdomains, nothing else', async () => {
    const port = new URL(open.url).port
    for (const [h, status] of [[`lab.test:${port}`, 200], [`api.lab.test:${port}`, 200], [`notlab.test:${port}`, 403], [`lab.test.evil.example:${port}`, 403]] as const) {
      const r = await signRaw({ method: 'GET', path: '/site-b', query: { 'list-type': '2' }, headers: {} }, h, { service: 's3', creds: em.root })
      const res = await sendRaw(open.url, withHeaders(r, { host: h }))
      expect([res.status, res.status === 200 ? res.body.includes('<Name>site-b</Name>') : res.code], h).toEqual([status, status === 200 ? true : 'AccessDenied'])
    }
  })
})
