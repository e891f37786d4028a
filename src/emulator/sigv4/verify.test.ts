import fc from 'fast-check'
import { ALGORITHM_IDENTIFIER, SignatureV4 } from '@smithy/signature-v4'
import { describe, expect, it } from 'vitest'
import { NodeSha256, sha256Hex } from './hash.js'
import { parseAuth } from './parse.js'
import { stringToSign, verifySignature } from './verify.js'

/**
 * Vectors from AWS's published "Signature Version 4 test suite"
 * (docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html): credentials
 * AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20150830T123600Z, us-east-1, service
 * `service`. Each must verify; each tampered copy must not.
 */
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
const SCOPE = 'Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request'

interface Vector {
  name: string
  method: string
  path: string
  query?: Array<[string, string]>
  headers?: Record<string, string>
  body?: string
  signedHeaders: string
  signature: string
}

const VECTORS: Vector[] = [
  { name: 'get-vanilla', method: 'GET', path: '/', signedHeaders: 'host;x-amz-date', signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' },
  {
    name: 'get-vanilla-query-order-key-case',
    method: 'GET',
    path: '/',
    query: [['Param2', 'value2'], ['Param1', 'value1']],
    signedHeaders: 'host;x-amz-date',
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
  {
    name: 'get-vanilla-query-unreserved',
    method: 'GET',
    path: '/',
    query: [['-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz']],
    signedHeaders: 'host;x-amz-date',
    signature: '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197',
  },
  {
    name: 'get-vanilla-utf8-query',
    method: 'GET',
    path: '/',
    query: [['ሴ', 'bar']],
    signedHeaders: 'host;x-amz-date',
    signature: '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04',
  },
  {
    name: 'get-unreserved',
    method: 'GET',
    path: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    signedHeaders: 'host;x-amz-date',
    signature: '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f',
  },
  { name: 'get-utf8', method: 'GET', path: '/ሴ', signedHeaders: 'host;x-amz-date', signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85' },
  {
    name: 'get-header-value-trim',
    method: 'GET',
    path: '/',
    headers: { 'my-header1': 'value1', 'my-header2': '"a   b   c"' },
    signedHeaders: 'host;my-header1;my-header2;x-amz-date',
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  {
    name: 'get-header-value-order',
    method: 'GET',
    path: '/',
    headers: { 'my-header1': 'value4,value1,value3,value2' },
    signedHeaders: 'host;my-header1;x-amz-date',
    signature: '08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01',
  },
  { name: 'post-vanilla', method: 'POST', path: '/', signedHeaders: 'host;x-amz-date', signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b' },
  {
    name: 'post-header-value-case',
    method: 'POST',
    path: '/',
    headers: { 'my-header1': 'VALUE1' },
    signedHeaders: 'host;my-header1;x-amz-date',
    signature: 'cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d',
  },
  {
    name: 'post-vanilla-query',
    method: 'POST',
    path: '/',
    query: [['Param1', 'value1']],
    signedHeaders: 'host;x-amz-date',
    signature: '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11',
  },
  {
    name: 'post-vanilla-query-nonunreserved',
    method: 'POST',
    path: '/',
    query: [['@#$%^', ''], ['+', '/,?><`";:\\|][{}']],
    signedHeaders: 'host;x-amz-date',
    signature: '66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e',
  },
  {
    name: 'post-sts-header-before (session token signed)',
    method: 'POST',
    path: '/',
    headers: {
      'x-amz-security-token':
        'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==',
    },
    signedHeaders: 'host;x-amz-date;x-amz-security-token',
    signature: '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
  },
  {
    name: 'post-x-www-form-urlencoded',
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Param1=value1',
    signedHeaders: 'content-type;host;x-amz-date',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
  {
    name: 'post-x-www-form-urlencoded-parameters',
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf8' },
    body: 'Param1=value1',
    signedHeaders: 'content-type;host;x-amz-date',
    signature: '1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe',
  },
]

function build(v: Vector, tamper?: (h: Headers, q: Array<[string, string]>) => string | void) {
  const headers = new Headers({ host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z', ...v.headers })
  headers.set('authorization', `AWS4-HMAC-SHA256 ${SCOPE}, SignedHeaders=${v.signedHeaders}, Signature=${v.signature}`)
  const query = [...(v.query ?? [])]
  const body = tamper?.(headers, query) ?? v.body ?? ''
  const parsed = parseAuth({ headers, query })
  if (parsed.kind !== 'ok') throw new Error(`vector ${v.name} did not parse: ${JSON.stringify(parsed)}`)
  return { view: { method: v.method, path: v.path, query, headers, host: 'example.amazonaws.com' }, auth: parsed.auth, payloadHash: sha256Hex(body) }
}

describe('SigV4 verification against AWS test-suite vectors', () => {
  it.each(VECTORS)('$name verifies', async (v) => {
    const { view, auth, payloadHash } = build(v)
    expect(await verifySignature(view, auth, SECRET, payloadHash, false)).toEqual({ ok: true })
  })

  it.each(VECTORS)('$name fails with the wrong secret', async (v) => {
    const { view, auth, payloadHash } = build(v)
    expect((await verifySignature(view, auth, SECRET.replace('K7', 'K8'), payloadHash, false)).ok).toBe(false)
  })

  it.each(VECTORS)('$name fails when a signed header, the query or the body is altered', async (v) => {
    const header = build(v, (h) => void h.set('x-amz-date', '20150830T123601Z'))
    expect((await verifySignature(header.view, header.auth, SECRET, header.payloadHash, false)).ok).toBe(false)
    const query = build(v, (_h, q) => void q.push(['extra', '1']))
    expect((await verifySignature(query.view, query.auth, SECRET, query.payloadHash, false)).ok).toBe(false)
    const body = build(v, () => 'Param1=value2')
    expect((await verifySignature(body.view, body.auth, SECRET, body.payloadHash, false)).ok).toBe(false)
  })

  it('S3 (no double encoding, literal payload hash): the S3 API Reference GET example', async () => {
    // S3 API Reference, "Example: GET Object" (examplebucket, test.txt, Range bytes=0-9).
    const headers = new Headers({
      host: 'examplebucket.s3.amazonaws.com',
      range: 'bytes=0-9',
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-amz-date': '20130524T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    })
    const parsed = parseAuth({ headers, query: [] })
    if (parsed.kind !== 'ok') throw new Error('did not parse')
    const view = { method: 'GET', path: '/test.txt', query: [], headers, host: 'examplebucket.s3.amazonaws.com' }
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    expect(await verifySignature(view, parsed.auth, secret, headers.get('x-amz-content-sha256')!, true)).toEqual({ ok: true })
    headers.set('range', 'bytes=0-10')
    const bad = await verifySignature(view, parsed.auth, secret, headers.get('x-amz-content-sha256')!, true)
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.canonicalRequest).toBe(
        'GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-10\nx-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      )
    }
  })
})

describe('string to sign', () => {
  class Smithy extends SignatureV4 {
    toSign(longDate: string, scope: string, canonicalRequest: string): Promise<string> {
      return this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER)
    }
  }
  const smithy = new Smithy({ service: 'sts', region: 'us-east-1', credentials: { accessKeyId: '', secretAccessKey: '' }, sha256: NodeSha256 })

  it("is smithy's createStringToSign, for any canonical request (UTF-8 included)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), fc.string(), async (canonical, scope) => {
        expect(stringToSign('20150830T123600Z', scope, canonical)).toBe(await smithy.toSign('20150830T123600Z', scope, canonical))
      }),
      { numRuns: 300 },
    )
  })
})
