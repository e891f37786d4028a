import fc from 'fast-check'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4, getCanonicalHeaders, getSigningKey } from '@smithy/signature-v4'
import type { HeaderBag } from '@smithy/types'
import { describe, expect, it } from 'vitest'
import { canonicalHeaderValue, canonicalPath, canonicalQuery, canonicalRequest, escapeUri, type CanonicalInput } from './canonical.js'
import { NodeSha256, sha256Hex } from './hash.js'
import { parseAuth } from './parse.js'
import { signingKey, verifySignature } from './verify.js'
import { RecordHeaders } from '../incoming.js'
import { dict, hasOwnKey, setOwn } from '../../safe-object.js'

/**
 * The reference: the canonical request exactly as the emulator built it with smithy before it
 * had its own (the code of verify.ts up to this change), from the same request view.
 */
class Smithy extends SignatureV4 {
  canonical(request: HttpRequest, headers: HeaderBag, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash)
  }
}
const NO_CREDENTIALS = { accessKeyId: '', secretAccessKey: '' }
const smithySigners = {
  s3: new Smithy({ service: 's3', region: 'us-east-1', credentials: NO_CREDENTIALS, sha256: NodeSha256, uriEscapePath: false, applyChecksum: false }),
  other: new Smithy({ service: 'sts', region: 'us-east-1', credentials: NO_CREDENTIALS, sha256: NodeSha256, uriEscapePath: true, applyChecksum: false }),
}

function smithyCanonical(view: CanonicalInput, signedHeaders: string[], payloadHash: string, s3: boolean): string {
  const signed = dict<string>()
  for (const name of signedHeaders) {
    const value = view.headers.get(name) ?? (name === 'host' ? view.host : undefined)
    if (value !== undefined) signed[name] = value
  }
  const query = dict<string | string[]>()
  for (const [k, v] of view.query) {
    const prev = query[k]
    if (prev === undefined) query[k] = v
    else query[k] = Array.isArray(prev) ? [...prev, v] : [prev, v]
  }
  const request = new HttpRequest({ method: view.method, path: view.path, query, headers: signed })
  const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(signedHeaders))
  for (const name of signedHeaders) if (!hasOwnKey(canonicalHeaders, name)) setOwn(canonicalHeaders, name, '')
  return (s3 ? smithySigners.s3 : smithySigners.other).canonical(request, canonicalHeaders, payloadHash)
}

/** smithy's canonical path (a private method of its signer). */
function smithyPath(path: string, s3: boolean): string {
  const signer = (s3 ? smithySigners.s3 : smithySigners.other) as unknown as { getCanonicalPath(r: { path: string }): string }
  return signer.getCanonicalPath({ path })
}

/** Either the value or the error's class: both sides must throw alike (a lone surrogate). */
function outcome(f: () => string): string {
  try {
    return `ok:${f()}`
  } catch (err) {
    return `throws:${(err as Error).name}`
  }
}

// Adversarial pieces: reserved characters, percent signs, dots, the names objects carry.
const RESERVED = ['', ' ', '  ', '\t', '%', '%2F', '%20', '+', '/', '?', '&', '=', '#', '!', "'", '(', ')', '*', '~', '-', '_', '.', ':', ';', ',', '@', '$', '[', ']', 'ሴ', '😀', 'é', 'A', 'a', 'Z', '0', '\u0000', '\u007f', '\ud800']
const piece = fc.oneof(fc.constantFrom(...RESERVED), fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: 'grapheme-ascii', maxLength: 6 }))
const text = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(''))

const OBJECT_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', '1', '10', '2', '0']
const headerName = fc.oneof(
  fc.constantFrom('host', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token', 'content-type', 'content-md5', 'range', 'my-header1', 'my-header2', 'user-agent', 'authorization', 'expect', 'sec-fetch-mode', 'proxy-authorization', 'x-amzn-trace-id', '', '__proto__', ...OBJECT_NAMES),
  fc.string({ unit: 'grapheme-ascii', maxLength: 8 }).map((s) => s.toLowerCase()),
  fc.string({ unit: 'binary', maxLength: 4 }).map((s) => s.toLowerCase()),
)
const headerValue = fc.oneof(
  fc.constantFrom('', ' ', '\t', ' a ', 'a  b', 'a\t\tb', ' \t a \t ', 'a\r\nb', '\r\n', 'value4,value1,value3,value2', 'a, b', '"a   b   c"', 'x\u000bx', '\u00a0a\u00a0'),
  fc.array(fc.oneof(fc.constantFrom(' ', '  ', '\t', '\r', '\n', ',', ', '), fc.string({ unit: 'binary', maxLength: 5 })), { maxLength: 6 }).map((p) => p.join('')),
)
// Query names: the repeated and case-varied ones (the signature parameter in any case) mostly.
const queryName = fc.oneof(fc.constantFrom('__proto__', 'a', 'A', 'a-b', 'a=b', 'b', 'X-Amz-Signature', 'x-amz-signature', 'X-AMZ-SIGNATURE', 'X-Amz-Date', 'X-Amz-SignedHeaders', '', 'ሴ', 'list-type', 'prefix', ...OBJECT_NAMES), text)
const queryValue = fc.oneof(fc.constantFrom('', 'value', 'a b', 'a+b', '/', '%2F', 'ሴ'), text)

const view = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD'), fc.string({ unit: 'grapheme-ascii', maxLength: 5 })),
  path: fc.oneof(
    fc.constantFrom('/', '', '//', '/./', '/../', '/a/..', '/a/./b/', '/a//b', '/%2F', '/a%20b', '/example/..//./x', '/bucket/key with space', '/-._~', '/ሴ'),
    fc.array(fc.oneof(fc.constantFrom('', '.', '..'), text), { maxLength: 6 }).map((segs) => segs.join('/')),
    fc.array(fc.oneof(fc.constantFrom('', '.', '..'), text), { maxLength: 6 }).map((segs) => `/${segs.join('/')}`),
  ),
  query: fc.array(fc.tuple(queryName, queryValue), { maxLength: 8 }),
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }),
  host: fc.oneof(fc.constantFrom('127.0.0.1:4566', 'sts.amazonaws.com', 'bucket.localhost:4566', ''), text),
  // Names listed by the client: some sent, some not, repeated, in any order.
  signedExtra: fc.array(headerName, { maxLength: 5 }),
  signedOrder: fc.constantFrom('sorted', 'as-generated', 'reversed'),
  payloadHash: fc.constantFrom(sha256Hex(''), sha256Hex('Action=GetCallerIdentity&Version=2011-06-15'), 'UNSIGNED-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER'),
  s3: fc.boolean(),
})

type View = typeof view extends fc.Arbitrary<infer T> ? T : never

function build(v: View): { input: CanonicalInput; signedHeaders: string[] } {
  const record = dict<string>()
  for (const [name, value] of v.headers) setOwn(record, name, value)
  const sent = v.headers.map(([name]) => name)
  // SignedHeaders as parse.ts hands them over: lower-cased.
  let signedHeaders = [...sent.filter((_, i) => i % 2 === 0), ...v.signedExtra].map((n) => n.toLowerCase())
  if (v.signedOrder === 'sorted') signedHeaders = [...new Set(signedHeaders)].sort()
  if (v.signedOrder === 'reversed') signedHeaders.reverse()
  return { input: { method: v.method, path: v.path, query: v.query, headers: new RecordHeaders(record), host: v.host }, signedHeaders }
}

describe("the emulator's canonical request is smithy's", () => {
  it('for adversarial requests: headers (folding, duplicates, missing, object names), queries (repeats, empty values, unicode, the signature parameter), S3 and non-S3 paths', () => {
    fc.assert(
      fc.property(view, (v) => {
        const { input, signedHeaders } = build(v)
        expect(outcome(() => canonicalRequest(input, signedHeaders, v.payloadHash, v.s3))).toBe(outcome(() => smithyCanonical(input, signedHeaders, v.payloadHash, v.s3)))
      }),
      { numRuns: 3000 },
    )
  })

  it('part by part: header values, paths, query strings, URI encoding', () => {
    fc.assert(
      fc.property(headerValue, (value) => {
        const record = dict<string>()
        record['h'] = value
        const smithy = getCanonicalHeaders(new HttpRequest({ headers: record }), undefined, new Set(['h']))
        expect(canonicalHeaderValue(value)).toBe(smithy['h'])
      }),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(view, (v) => {
        expect(outcome(() => canonicalPath(v.path, v.s3))).toBe(outcome(() => smithyPath(v.path, v.s3)))
        expect(outcome(() => escapeUri(v.path))).toBe(outcome(() => encodeURIComponent(v.path).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)))
      }),
      { numRuns: 2000 },
    )
  })

  it('known cases: AWS test-suite query ordering and the paths S3 and other services sign', () => {
    expect(canonicalQuery([['Param2', 'value2'], ['Param1', 'value1']])).toBe('Param1=value1&Param2=value2')
    // Keys sort before their values: `a` before `a-b` although `a-b=...` < `a=...` as strings.
    expect(canonicalQuery([['a-b', '1'], ['a', 'z'], ['a', 'y'], ['a', '']])).toBe('a=&a=y&a=z&a-b=1')
    expect(canonicalQuery([['X-Amz-Signature', 'x'], ['x-amz-SIGNATURE', 'y'], ['k', '']])).toBe('k=')
    expect(canonicalQuery([['@#$%^', ''], ['+', '/,?><`";:\\|][{}']])).toBe('%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D&%40%23%24%25%5E=')
    // Other services: the decoded path normalised and encoded (a `%` sent encoded is encoded twice).
    expect(canonicalPath('/example/..//./space here/', false)).toBe('/space%20here/')
    expect(canonicalPath('/space%20here/', false)).toBe('/space%2520here/')
    expect(canonicalPath('/example/..//./space%20here/', true)).toBe('/example/..//./space%20here/')
    expect(canonicalPath('/a/b/../../..', false)).toBe('/')
  })

  it('a query parameter named __proto__ reads "[object Object]", as smithy (and so SDK v3 clients) write it', () => {
    const input: CanonicalInput = { method: 'GET', path: '/', query: [['__proto__', 'x'], ['a', '1'], ['__proto__', 'y']], headers: new RecordHeaders(dict()), host: 'h' }
    expect(canonicalQuery(input.query)).toBe('[object Object]&a=1')
    expect(smithyCanonical(input, ['host'], 'UNSIGNED-PAYLOAD', true).split('\n')[2]).toBe('[object Object]&a=1')
  })
})

describe('the signing key is smithy getSigningKey', () => {
  it('for any secret, date, region and service', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 6 }), async (secret, date, region, service) => {
        const theirs = await getSigningKey(NodeSha256, { accessKeyId: 'AKID', secretAccessKey: secret }, date, region, service)
        expect(Buffer.from(signingKey(secret, date, region, service)).toString('hex')).toBe(Buffer.from(theirs).toString('hex'))
      }),
      { numRuns: 300 },
    )
  })
})

describe("requests signed by smithy's signer verify, and altered ones do not", () => {
  const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'
  const DATE = new Date('2015-08-30T12:36:00Z')
  // What a client signs: header names in any case, values with whitespace to fold, repeated query names.
  const signed = fc.record({
    s3: fc.boolean(),
    presign: fc.boolean(),
    method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE'),
    segments: fc.array(fc.oneof(fc.constantFrom('a', 'b c', 'ሴ', '~', '*', "'", '%'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 5 }).filter((s) => !s.includes('/') && s !== '.' && s !== '..')), { minLength: 1, maxLength: 4 }),
    query: fc.array(fc.tuple(fc.constantFrom('a', 'B', 'list-type', 'prefix', 'ሴ', 'x y'), fc.oneof(fc.constantFrom('', 'v', 'a b', 'ሴ'), fc.string({ unit: 'grapheme', maxLength: 5 }))), { maxLength: 5 }),
    headers: fc.uniqueArray(fc.tuple(fc.constantFrom('My-Header', 'X-Amz-Meta-Thing', 'Content-Type', 'range', 'X-Custom'), fc.constantFrom('v', '  spaced   out  ', 'a\tb', 'value4,value1', 'ሴ')), { selector: ([k]) => k.toLowerCase(), maxLength: 4 }),
  })

  it('header or presigned, S3 or not', async () => {
    await fc.assert(
      fc.asyncProperty(signed, async (c) => {
        const service = c.s3 ? 's3' : 'sts'
        const signer = new SignatureV4({ service, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET }, sha256: NodeSha256, uriEscapePath: !c.s3, applyChecksum: false })
        // S3 paths travel encoded (the view keeps them as sent); others are signed decoded.
        const decodedPath = `/${c.segments.join('/')}`
        const path = c.s3 ? `/${c.segments.map(escapeUri).join('/')}` : decodedPath
        const query = dict<string | string[]>()
        for (const [k, v] of c.query) {
          const prev = query[k]
          query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
        }
        const headers = dict<string>()
        headers['host'] = 'bucket.localhost:4566'
        for (const [k, v] of c.headers) headers[k] = v
        if (c.s3) headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD'
        const request = new HttpRequest({ method: c.method, protocol: 'http:', hostname: 'bucket.localhost', port: 4566, path, query, headers })
        const out = c.presign ? await signer.presign(request, { signingDate: DATE, expiresIn: 900 }) : await signer.sign(request, { signingDate: DATE })
        // The server's view: lower-case header names, query pairs (a repeated name keeps its order).
        const record = dict<string>()
        for (const [k, v] of Object.entries(out.headers)) setOwn(record, k.toLowerCase(), v)
        const pairs: Array<[string, string]> = []
        for (const [k, v] of Object.entries(out.query ?? {})) for (const one of Array.isArray(v) ? v : [v as string]) pairs.push([k, one])
        const parsed = parseAuth({ headers: new RecordHeaders(record), query: pairs })
        if (parsed.kind !== 'ok') throw new Error(`did not parse: ${JSON.stringify(parsed)}`)
        const payloadHash = c.s3 ? 'UNSIGNED-PAYLOAD' : sha256Hex('')
        const sv = { method: c.method, path, query: pairs, headers: new RecordHeaders(record), host: 'bucket.localhost:4566' }
        expect(verifySignature(sv, parsed.auth, SECRET, payloadHash, c.s3)).toEqual({ ok: true })
        // Altered: another query value, another method, another path.
        expect(verifySignature({ ...sv, query: [...pairs, ['a', 'x']] }, parsed.auth, SECRET, payloadHash, c.s3).ok).toBe(false)
        expect(verifySignature({ ...sv, method: c.method === 'GET' ? 'HEAD' : 'GET' }, parsed.auth, SECRET, payloadHash, c.s3).ok).toBe(false)
        expect(verifySignature({ ...sv, path: `${path}x` }, parsed.auth, SECRET, payloadHash, c.s3).ok).toBe(false)
      }),
      { numRuns: 300 },
    )
  })
})
