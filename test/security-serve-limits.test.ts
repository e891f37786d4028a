import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import { rawExchange, xmlField, type RawExchange } from './helpers/raw-socket.js'
import { FORM_TYPE, queryBody, type RawRequest, sendRaw, signRaw } from './helpers/reliability/sigv4.js'

/**
 * Issue 12, defect 2: bodies are limited before authentication. A declared length over the cap
 * is answered at once, without reading a byte of the body; an S3 request is authenticated from
 * its headers first (its signature covers the declared payload hash); an unauthenticated body
 * is cut off at 64 KiB unless it writes to a bucket open to anonymous callers; bodies not yet
 * authenticated share a budget. Sockets are raw so that what was sent is exactly what was sent.
 */
const em = createEmulator()
let server: RunningServer
let small: RunningServer
let host: string
const GB = 1024 ** 3

beforeAll(async () => {
  server = await startServer(em, { port: 0, host: '127.0.0.1' })
  // The same emulator behind a server with a 1 MiB --max-body and a 100 KiB budget.
  small = await startServer(em, { port: 0, host: '127.0.0.1', maxBody: 1024 * 1024, unverifiedBytes: 100 * 1024 })
  host = new URL(server.url).host
  const s3 = (r: RawRequest) => signRaw(r, host, { service: 's3', creds: em.root })
  for (const b of ['private-b', 'public-b']) expect((await sendRaw(server.url, await s3({ method: 'PUT', path: `/${b}`, headers: {}, body: '' }))).status).toBe(200)
  // New buckets block public policies (AWS's default since April 2023): lift it first.
  expect((await sendRaw(server.url, await s3({ method: 'DELETE', path: '/public-b', query: { publicAccessBlock: '' }, headers: {}, body: '' }))).status).toBe(204)
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::public-b/*' }] })
  expect((await sendRaw(server.url, await s3({ method: 'PUT', path: '/public-b', query: { policy: '' }, headers: {}, body: policy }))).status).toBe(204)
})
afterAll(async () => {
  await server?.close()
  await small?.close()
})

/** Request head lines: request line, Host, the given headers. */
function head(method: string, path: string, port: number, headers: Record<string, string>): string[] {
  return [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)]
}

/** Headers of a signed request (without Host, which `head` writes), for a body declared separately. */
async function signedHeaders(req: RawRequest, service: 's3' | 'sts', port: number): Promise<{ path: string; headers: Record<string, string> }> {
  const signed = await signRaw(req, `127.0.0.1:${port}`, { service, creds: em.root })
  const { host: _h, ...headers } = signed.headers
  const qs = Object.entries(signed.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
  return { path: `${signed.path}${qs ? `?${qs}` : ''}`, headers }
}

/** Write 64 KiB chunks (chunked framing when `chunked`) until the server stops the exchange or `max` is sent. */
const flood = (max: number, chunked = false) => async (write: (c: Buffer | string) => Promise<boolean>, stopped: () => boolean) => {
  const chunk = Buffer.alloc(64 * 1024, 0x61)
  const frame = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk
  for (let sent = 0; sent < max && !stopped(); sent += chunk.length) if (!(await write(frame))) return
}

const summary = (r: RawExchange) => ({ status: r.status, code: xmlField(r.body, 'Code'), bodyBytesSent: r.bodyBytesSent, closed: r.closed })

describe('declared lengths over the cap are answered before any body byte is read', () => {
  it('signed S3 PutObject of 1 GB: EntityTooLarge with ProposedSize and MaxSizeAllowed (64 MiB default)', async () => {
    const { path, headers } = await signedHeaders({ method: 'PUT', path: '/private-b/big.bin', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, 's3', server.port)
    const r = await rawExchange(server.port, head('PUT', path, server.port, { ...headers, 'Content-Length': String(GB) }))
    expect(summary(r)).toEqual({ status: 400, code: 'EntityTooLarge', bodyBytesSent: 0, closed: true })
    expect(xmlField(r.body, 'Message')).toBe('Your proposed upload exceeds the maximum allowed size')
    expect([xmlField(r.body, 'ProposedSize'), xmlField(r.body, 'MaxSizeAllowed')]).toEqual([String(GB), String(64 * 1024 * 1024)])
  })

  it('S3 with a forged signature: SignatureDoesNotMatch from the headers alone, the body never read', async () => {
    const { path, headers } = await signedHeaders({ method: 'PUT', path: '/private-b/big.bin', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, 's3', server.port)
    headers.authorization = headers.authorization!.replace(/Signature=[0-9a-f]{8}/, 'Signature=00000000')
    const r = await rawExchange(server.port, head('PUT', path, server.port, { ...headers, 'Content-Length': String(GB) }))
    expect(summary(r)).toEqual({ status: 403, code: 'SignatureDoesNotMatch', bodyBytesSent: 0, closed: true })
  })

  it('unsigned PUT of 1 GB to a private bucket: AccessDenied (NoSuchBucket for a missing one), nothing read', async () => {
    const denied = await rawExchange(server.port, head('PUT', '/private-b/x', server.port, { 'Content-Length': String(GB) }))
    expect(summary(denied)).toEqual({ status: 403, code: 'AccessDenied', bodyBytesSent: 0, closed: true })
    const missing = await rawExchange(server.port, head('PUT', '/no-such-b/x', server.port, { 'Content-Length': String(GB) }))
    expect(summary(missing)).toEqual({ status: 404, code: 'NoSuchBucket', bodyBytesSent: 0, closed: true })
  })

  it('unsigned Query call of 1 GB: MissingAuthenticationToken; a signed one over 1 MiB: 413 RequestEntityTooLarge', async () => {
    const unsigned = await rawExchange(server.port, head('POST', '/', server.port, { 'Content-Type': FORM_TYPE, 'Content-Length': String(GB) }))
    expect(summary(unsigned)).toEqual({ status: 403, code: 'MissingAuthenticationToken', bodyBytesSent: 0, closed: true })
    const { path, headers } = await signedHeaders({ method: 'POST', path: '/', headers: { 'content-type': FORM_TYPE }, body: queryBody('GetCallerIdentity', '2011-06-15') }, 'sts', server.port)
    const big = await rawExchange(server.port, head('POST', path, server.port, { ...headers, 'Content-Length': String(2 * 1024 * 1024) }))
    expect(summary(big)).toEqual({ status: 413, code: 'RequestEntityTooLarge', bodyBytesSent: 0, closed: true })
  })

  it('Expect: 100-continue: an over-cap upload gets its error and no 100 Continue; an admitted one gets 100 Continue first', async () => {
    const put = await signedHeaders({ method: 'PUT', path: '/private-b/continue.txt', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, 's3', server.port)
    const refused = await rawExchange(server.port, head('PUT', put.path, server.port, { ...put.headers, 'Content-Length': String(GB), Expect: '100-continue' }))
    expect({ ...summary(refused), sawContinue: refused.sawContinue }).toEqual({ status: 400, code: 'EntityTooLarge', bodyBytesSent: 0, closed: true, sawContinue: false })
    const ok = await rawExchange(server.port, head('PUT', put.path, server.port, { ...put.headers, 'Content-Length': '5', Expect: '100-continue' }), async (write) => {
      await new Promise((r) => setTimeout(r, 50))
      await write('hello')
    })
    expect({ status: ok.status, sawContinue: ok.sawContinue }).toEqual({ status: 200, sawContinue: true })
  })
})

describe('streamed bodies are cut off at the cap', () => {
  it('an unsigned chunked upload with no length is answered and disconnected after 64 KiB, long before it ends', async () => {
    const r = await rawExchange(server.port, head('PUT', '/private-b/stream', server.port, { 'Transfer-Encoding': 'chunked' }), flood(512 * 1024 * 1024, true))
    expect([r.status, xmlField(r.body, 'Code'), r.closed]).toEqual([403, 'AccessDenied', true])
    // What the kernel buffers on loopback aside, the server stopped reading at its 64 KiB.
    expect(r.bodyBytesSent).toBeLessThan(64 * 1024 * 1024)
  })

  it('a signed chunked upload is cut off at --max-body (1 MiB) with EntityTooLarge', async () => {
    const { path, headers } = await signedHeaders({ method: 'PUT', path: '/private-b/stream', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }, 's3', small.port)
    const r = await rawExchange(small.port, head('PUT', path, small.port, { ...headers, 'Transfer-Encoding': 'chunked' }), flood(512 * 1024 * 1024, true))
    expect([r.status, xmlField(r.body, 'Code'), xmlField(r.body, 'MaxSizeAllowed'), r.closed]).toEqual([400, 'EntityTooLarge', String(1024 * 1024), true])
    expect(r.bodyBytesSent).toBeLessThan(64 * 1024 * 1024)
  })

  it('bodies not yet authenticated share a budget: past it, Throttling (Query) and the connection is closed', async () => {
    // One Query call holds 64 KiB of its declared 96 KiB; a second one needs more than the 36 KiB left.
    const call = () => signedHeaders({ method: 'POST', path: '/', headers: { 'content-type': FORM_TYPE }, body: queryBody('GetCallerIdentity', '2011-06-15') }, 'sts', small.port)
    const first = await call()
    let release!: () => void
    const holding = new Promise<void>((r) => (release = r))
    const held = rawExchange(small.port, head('POST', first.path, small.port, { ...first.headers, 'Content-Length': String(96 * 1024) }), async (write) => {
      const start = Buffer.alloc(64 * 1024, 0x61)
      start.write('Action=GetCallerIdentity&Version=2011-06-15&Pad=')
      await write(start)
      await holding
      // The rest of the declared body: the call then ends (its signature does not cover these bytes).
      await write(Buffer.alloc(32 * 1024, 0x61))
    })
    await new Promise((r) => setTimeout(r, 200))
    const second = await call()
    const r = await rawExchange(small.port, head('POST', second.path, small.port, { ...second.headers, 'Content-Length': String(512 * 1024) }), flood(512 * 1024))
    expect([r.status, xmlField(r.body, 'Code'), r.closed]).toEqual([400, 'Throttling', true])
    release()
    expect(xmlField((await held).body, 'Code')).toBe('SignatureDoesNotMatch')
  })
})

describe('legitimate bodies still pass', () => {
  it('an anonymous PUT of 200 KiB to a bucket whose policy allows "*" is stored; to a private bucket it is refused', async () => {
    const body = 'p'.repeat(200 * 1024)
    const open = await sendRaw(server.url, { method: 'PUT', path: '/public-b/anon.txt', headers: {}, body })
    expect(open.status).toBe(200)
    expect(em.inventory().objects).toContain('public-b/anon.txt')
    const closed = await sendRaw(server.url, { method: 'PUT', path: '/private-b/anon.txt', headers: {}, body })
    expect([closed.status, closed.code]).toEqual([403, 'AccessDenied'])
  })

  it('a signed 2 MiB object and a signed Query call are answered as before', async () => {
    const body = 'x'.repeat(2 * 1024 * 1024)
    const put = await signRaw({ method: 'PUT', path: '/private-b/two-mib.bin', headers: {}, body }, host, { service: 's3', creds: em.root })
    expect((await sendRaw(server.url, put)).status).toBe(200)
    const sts = await signRaw({ method: 'POST', path: '/', headers: { 'content-type': FORM_TYPE }, body: queryBody('GetCallerIdentity', '2011-06-15') }, host, { service: 'sts', creds: em.root })
    const res = await sendRaw(server.url, sts)
    expect(res.status).toBe(200)
    expect(res.body).toContain('<Arn>arn:aws:iam::123456789012:root</Arn>')
  })
})
