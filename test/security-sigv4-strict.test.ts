import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import type { Creds } from './helpers/reliability/serve.js'
import { FORM_TYPE, queryBody, type RawRequest, sendRaw, signRaw } from './helpers/reliability/sigv4.js'

/**
 * Issue 12, defects 3 and 4: SigV4 as AWS checks it. Every `x-amz-*` header of an S3 request
 * must be signed (a presigned PUT plus an unsigned x-amz-copy-source copied any object the
 * signer could read); `host` must be signed; `x-amz-content-sha256` must be a hex SHA-256 or a
 * documented keyword; a Query service never takes the payload hash on the client's word.
 */
let server: RunningServer
let host: string
let root: Creds
const em = createEmulator()

beforeAll(async () => {
  server = await startServer(em, { port: 0, host: '127.0.0.1' })
  host = new URL(server.url).host
  root = em.root
  const put = (path: string, body: string) => signRaw({ method: 'PUT', path, headers: {}, body }, host, { service: 's3', creds: root })
  expect((await sendRaw(server.url, await put('/strict', ''))).status).toBe(200)
  expect((await sendRaw(server.url, await put('/strict/secret.txt', 'top secret'))).status).toBe(200)
})
afterAll(() => server?.close())

const s3 = (req: RawRequest, presign?: number) => signRaw(req, host, { service: 's3', creds: root, ...(presign ? { presign } : {}) })
const getObject = async (key: string) => sendRaw(server.url, await s3({ method: 'GET', path: `/strict/${key}`, headers: {} }))

/** Sign without `host` among the signed headers (node still sends a Host header). */
async function signWithoutHost(req: RawRequest, service: string, presign?: number): Promise<RawRequest> {
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: root, sha256: Sha256, uriEscapePath: service !== 's3', applyChecksum: service === 's3' })
  const http = new HttpRequest({ method: req.method, protocol: 'http:', hostname: host.split(':')[0], path: req.path, query: req.query ?? {}, headers: { ...req.headers }, ...(req.body !== undefined ? { body: req.body } : {}) })
  const signed = presign ? await signer.presign(http, { expiresIn: presign }) : await signer.sign(http)
  return { method: signed.method, path: signed.path, query: { ...(signed.query as Record<string, string>) }, headers: { ...signed.headers }, ...(req.body !== undefined ? { body: req.body } : {}) }
}

const NOT_SIGNED = 'There were headers present in the request which were not signed'
const headersNotSigned = (body: string) => /<HeadersNotSigned>([^<]*)<\/HeadersNotSigned>/.exec(body)?.[1]

describe('unsigned x-amz-* headers (defect 3)', () => {
  it('exploit regression: a presigned PUT URL plus an unsigned x-amz-copy-source does not copy', async () => {
    const url = await s3({ method: 'PUT', path: '/strict/stolen.txt', headers: {} }, 300)
    const res = await sendRaw(server.url, { ...url, headers: { ...url.headers, 'x-amz-copy-source': '/strict/secret.txt' }, body: '' })
    expect({ status: res.status, code: res.code, message: res.message, notSigned: headersNotSigned(res.body) }).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: NOT_SIGNED,
      notSigned: 'x-amz-copy-source',
    })
    expect((await getObject('stolen.txt')).code).toBe('NoSuchKey')
    // Control: the same URL without the extra header uploads its own body.
    const ok = await sendRaw(server.url, { ...url, body: 'mine' })
    expect(ok.status).toBe(200)
    expect((await getObject('stolen.txt')).body).toBe('mine')
  })

  it('header authentication: x-amz-* headers added after signing are refused, sorted and listed', async () => {
    const signed = await s3({ method: 'PUT', path: '/strict/meta.txt', headers: { 'x-amz-meta-signed': 'yes' }, body: 'm' })
    const res = await sendRaw(server.url, { ...signed, headers: { ...signed.headers, 'x-amz-meta-added': '1', 'x-amz-acl': 'public-read' } })
    expect({ status: res.status, code: res.code, message: res.message, notSigned: headersNotSigned(res.body) }).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: NOT_SIGNED,
      notSigned: 'x-amz-acl, x-amz-meta-added',
    })
    expect((await sendRaw(server.url, signed)).status).toBe(200)
  })

  it('x-amz-content-sha256 must be signed with header authentication; a presigned URL may carry it unsigned', async () => {
    const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: root, sha256: Sha256, uriEscapePath: false, applyChecksum: true })
    const http = new HttpRequest({ method: 'GET', protocol: 'http:', hostname: host.split(':')[0], port: Number(host.split(':')[1]), path: '/strict/secret.txt', headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } })
    const signed = await signer.sign(http, { unsignableHeaders: new Set(['x-amz-content-sha256']) })
    expect(signed.headers.authorization).not.toContain('x-amz-content-sha256')
    const res = await sendRaw(server.url, { method: 'GET', path: '/strict/secret.txt', headers: { ...signed.headers } })
    expect({ status: res.status, code: res.code, notSigned: headersNotSigned(res.body) }).toEqual({ status: 403, code: 'AccessDenied', notSigned: 'x-amz-content-sha256' })
    const url = await s3({ method: 'GET', path: '/strict/secret.txt', headers: {} }, 300)
    const presigned = await sendRaw(server.url, { ...url, headers: { ...url.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } })
    expect([presigned.status, presigned.body]).toEqual([200, 'top secret'])
  })

  it('Query services accept an unsigned x-amz-* header, as AWS does (SigV4 test suite: post-sts-header-after)', async () => {
    const signed = await signRaw({ method: 'POST', path: '/', headers: { 'content-type': FORM_TYPE }, body: queryBody('GetCallerIdentity', '2011-06-15') }, host, { service: 'sts', creds: root })
    const res = await sendRaw(server.url, { ...signed, headers: { ...signed.headers, 'x-amz-added-later': '1' } })
    expect(res.status).toBe(200)
  })
})

describe('host must be signed (defect 4)', () => {
  it('S3, header and presigned: AccessDenied listing host among the headers not signed', async () => {
    const header = await sendRaw(server.url, await signWithoutHost({ method: 'GET', path: '/strict/secret.txt', headers: {} }, 's3'))
    expect({ status: header.status, code: header.code, message: header.message, notSigned: headersNotSigned(header.body) }).toEqual({ status: 403, code: 'AccessDenied', message: NOT_SIGNED, notSigned: 'host' })
    const presigned = await sendRaw(server.url, await signWithoutHost({ method: 'GET', path: '/strict/secret.txt', headers: {} }, 's3', 300))
    expect({ status: presigned.status, code: presigned.code, notSigned: headersNotSigned(presigned.body) }).toEqual({ status: 403, code: 'AccessDenied', notSigned: 'host' })
  })

  it("IAM and STS: SignatureDoesNotMatch, 'Host' must be a SignedHeader", async () => {
    for (const [service, action, version] of [['sts', 'GetCallerIdentity', '2011-06-15'], ['iam', 'ListUsers', '2010-05-08']] as const) {
      const res = await sendRaw(server.url, await signWithoutHost({ method: 'POST', path: '/', headers: { 'content-type': FORM_TYPE }, body: queryBody(action, version) }, service))
      expect({ status: res.status, code: res.code, message: res.message }, service).toEqual({
        status: 403,
        code: 'SignatureDoesNotMatch',
        message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
      })
    }
  })
})

describe('x-amz-content-sha256 (defect 4)', () => {
  it("'whatever' is refused with S3's InvalidArgument, not taken as an unsigned payload", async () => {
    const signed = await s3({ method: 'PUT', path: '/strict/whatever.txt', headers: { 'x-amz-content-sha256': 'whatever' }, body: 'unsigned?' })
    expect(signed.headers['x-amz-content-sha256']).toBe('whatever')
    const res = await sendRaw(server.url, signed)
    expect({ status: res.status, code: res.code, message: res.message }).toEqual({
      status: 400,
      code: 'InvalidArgument',
      message:
        'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
    })
    expect(res.body).toContain('<ArgumentName>x-amz-content-sha256</ArgumentName><ArgumentValue>whatever</ArgumentValue>')
    expect((await getObject('whatever.txt')).code).toBe('NoSuchKey')
  })

  it('UNSIGNED-PAYLOAD is accepted for S3; SigV4a (ECDSA) streaming is answered NotImplemented, never decoded unverified', async () => {
    const unsigned = await s3({ method: 'PUT', path: '/strict/unsigned.txt', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body: 'u' })
    expect((await sendRaw(server.url, unsigned)).status).toBe(200)
    const ecdsa = await s3({ method: 'PUT', path: '/strict/ecdsa.txt', headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD', 'x-amz-decoded-content-length': '1' }, body: '1\r\nx\r\n0\r\n\r\n' })
    const res = await sendRaw(server.url, ecdsa)
    expect({ status: res.status, code: res.code }).toEqual({ status: 501, code: 'NotImplemented' })
    expect((await getObject('ecdsa.txt')).code).toBe('NoSuchKey')
  })

  it('a Query call signed over UNSIGNED-PAYLOAD cannot have its body swapped: the body is always hashed', async () => {
    const signed = await signRaw(
      { method: 'POST', path: '/', headers: { 'content-type': FORM_TYPE, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body: queryBody('ListUsers', '2010-05-08') },
      host,
      { service: 'iam', creds: root },
    )
    const res = await sendRaw(server.url, { ...signed, body: queryBody('CreateUser', '2010-05-08', { UserName: 'smuggled' }) })
    expect({ status: res.status, code: res.code }).toEqual({ status: 403, code: 'SignatureDoesNotMatch' })
    expect(em.inventory().users).not.toContain('smuggled')
  })
})
