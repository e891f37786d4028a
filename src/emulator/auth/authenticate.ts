import type { Caller } from '../services/types.js'
import type { Incoming } from '../incoming.js'
import type { EmulatorState } from '../state/model.js'
import { ChunkedBodyError, decodeAwsChunked } from '../sigv4/chunked.js'
import { authError, type AuthFailure, type ServiceFamily } from '../sigv4/failures.js'
import { EMPTY_SHA256, sha256Hex } from '../sigv4/hash.js'
import { fromAmzDate, parsedAuthOf, toAmzDate, type SigV4Auth } from '../sigv4/parse.js'
import { safeEqual, signString, verifySignature } from '../sigv4/verify.js'
import { AwsServiceError } from '../services/types.js'
import { recordUse } from './last-used.js'
import { resolveCaller } from './resolve.js'

const SKEW_MS = 15 * 60 * 1000
const HEX64 = /^[0-9a-fA-F]{64}$/
/** The payload modes S3 documents besides a hex SHA-256 (S3 API Reference, sigv4 streaming). */
const PAYLOAD_KEYWORDS = new Set([
  'UNSIGNED-PAYLOAD',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
])
/**
 * A presigned URL may come with an unsigned `x-amz-content-sha256` header (its payload is
 * UNSIGNED-PAYLOAD whatever the header says), as S3 tolerates; with header authentication it
 * must be signed like every `x-amz-*` header.
 */
const PRESIGNED_UNSIGNED_OK = new Set(['x-amz-content-sha256'])
const NONE: readonly string[] = Object.freeze([])

export interface AuthOptions {
  family: ServiceFamily
  /** Signing name the endpoint expects (`iam`, `sts`, `s3`). */
  service: string
  /** Region the scope must name, when the endpoint fixes it (IAM: us-east-1). */
  region?: string
}

export type AuthOutcome =
  | { kind: 'signed'; caller: Caller; auth: SigV4Auth; body: Uint8Array; trailers: Record<string, string> }
  | { kind: 'anonymous'; body: Uint8Array }

/**
 * What can be decided from the request line and headers alone. `payloadHash` is known when the
 * signature could be checked without the body (S3 always: the client declares the payload hash
 * in `x-amz-content-sha256`, or presigns UNSIGNED-PAYLOAD); Query services sign the body's hash
 * without sending it, so their signature waits for the body.
 */
export type HeadOutcome =
  | { kind: 'anonymous' }
  | { kind: 'signed'; caller: Caller; auth: SigV4Auth; secret: string; payloadHash?: string }

/**
 * Head results already computed for a request (the HTTP server checks before reading a body),
 * kept on the request object under a symbol of ours (see sigv4/parse.ts, PARSED).
 */
const HEAD = Symbol('iamflow.auth.head')
type WithHead = Incoming & { [HEAD]?: { key: string; outcome: HeadOutcome } }

/**
 * Authenticate a request as AWS does, in AWS's order (spec 2.4): parse -> key -> token ->
 * date/skew -> signed headers -> signature -> payload. Throws AwsServiceError with the family's
 * code and message. Returns `anonymous` only when the request carries no authentication at all.
 */
export function authenticate(state: EmulatorState, inc: Incoming, opts: AuthOptions): AuthOutcome {
  const fail = (f: AuthFailure): never => {
    throw authError(opts.family, f)
  }
  const head = authenticateHead(state, inc, opts)
  if (head.kind === 'anonymous') return { kind: 'anonymous', body: inc.body }
  const { auth, secret, caller } = head
  if (head.payloadHash === undefined) {
    // Query services: the canonical request always carries the body's own hash, so a claimed
    // `x-amz-content-sha256` (UNSIGNED-PAYLOAD, a wrong hex) cannot leave the body unsigned.
    // The signature covers the body itself: there is no declared hash left to compare it with.
    const bodyHash = inc.body.length === 0 ? EMPTY_SHA256 : sha256Hex(inc.body)
    checkSignature(inc, auth, secret, bodyHash, opts, fail)
    recordUse(state, caller, auth.service, auth.region, inc.now)
    return { kind: 'signed', caller, auth, body: inc.body, trailers: {} }
  }
  const { data, trailers } = payload(inc, auth, secret, head.payloadHash, fail)
  recordUse(state, caller, auth.service, auth.region, inc.now)
  return { kind: 'signed', caller, auth, body: data, trailers }
}

/**
 * The checks that need no body, the signature included when the payload hash is declared.
 * Computed once per request: the HTTP server runs it before it reads a body, and
 * `authenticate` reuses that result for the same request.
 */
export function authenticateHead(state: EmulatorState, inc: Incoming, opts: AuthOptions): HeadOutcome {
  const key = `${opts.family}/${opts.service}/${opts.region ?? ''}`
  const known = (inc as WithHead)[HEAD]
  if (known && known.key === key) return known.outcome
  const outcome = computeHead(state, inc, opts)
  ;(inc as WithHead)[HEAD] = { key, outcome }
  return outcome
}

function computeHead(state: EmulatorState, inc: Incoming, opts: AuthOptions): HeadOutcome {
  const fail = (f: AuthFailure): never => {
    throw authError(opts.family, f)
  }
  const parsed = parsedAuthOf(inc)
  if (parsed.kind === 'none') return { kind: 'anonymous' }
  if (parsed.kind === 'fail') return fail(parsed.failure)
  const auth = parsed.auth
  if (auth.service !== opts.service) fail({ kind: 'wrong-service', given: auth.service, expected: opts.service })
  if (opts.region && auth.region !== opts.region) fail({ kind: 'wrong-region', given: auth.region, expected: opts.region })

  const s3 = opts.family === 's3'
  const claimed = inc.headers.get('x-amz-content-sha256') ?? undefined
  if (s3 && claimed !== undefined) checkContentSha(claimed, fail)

  const resolved = resolveCaller(state, auth.accessKeyId, auth.securityToken, inc.now)
  if (!resolved.ok) return fail(resolved.failure)

  if (auth.scopeDate !== auth.amzDate.slice(0, 8)) fail({ kind: 'scope-date', scopeDate: auth.scopeDate, requestDate: auth.amzDate })
  checkTime(auth, inc.now, fail)
  const unsigned = unsignedHeaders(inc, auth, s3)
  if (unsigned.length) fail({ kind: 'headers-not-signed', names: [...unsigned] })

  let payloadHash: string | undefined
  if (s3) payloadHash = auth.mode === 'query' ? 'UNSIGNED-PAYLOAD' : claimed ?? fail({ kind: 'missing-content-sha' })
  if (payloadHash !== undefined) checkSignature(inc, auth, resolved.secret, payloadHash, opts, fail)
  const outcome: HeadOutcome = { kind: 'signed', caller: resolved.caller, auth, secret: resolved.secret }
  if (payloadHash !== undefined) outcome.payloadHash = payloadHash
  return outcome
}

/** S3 accepts a hex SHA-256 or one of its documented keywords; SigV4a streaming is not emulated. */
function checkContentSha(value: string, fail: (f: AuthFailure) => never): void {
  if (HEX64.test(value)) return
  if (!PAYLOAD_KEYWORDS.has(value)) fail({ kind: 'bad-content-sha', value })
  if (value.startsWith('STREAMING-AWS4-ECDSA-')) fail({ kind: 'unsupported-content-sha', value })
}

/**
 * Headers the signature must cover but does not: `host` always (AWS refuses a SigV4 request
 * whose SignedHeaders lack it), and for S3 every `x-amz-*` header present (S3: "There were
 * headers present in the request which were not signed"), sorted.
 */
function unsignedHeaders(inc: Incoming, auth: SigV4Auth, s3: boolean): readonly string[] {
  // IAM and STS: only `host` (a short list: no Set per request).
  if (!s3) return auth.signedHeaders.includes('host') ? NONE : ['host']
  const signed = new Set(auth.signedHeaders)
  const out: string[] = []
  if (!signed.has('host')) out.push('host')
  inc.headers.forEach((_value, name) => {
    if (name.startsWith('x-amz-') && !signed.has(name) && !(auth.mode === 'query' && PRESIGNED_UNSIGNED_OK.has(name))) out.push(name)
  })
  return out.sort()
}

function checkSignature(
  inc: Incoming,
  auth: SigV4Auth,
  secret: string,
  payloadHash: string,
  opts: AuthOptions,
  fail: (f: AuthFailure) => never,
): void {
  const s3 = opts.family === 's3'
  const view = {
    method: inc.method,
    path: s3 ? inc.rawPath : safeDecode(inc.rawPath),
    query: inc.query,
    headers: inc.headers,
    host: inc.host,
  }
  const result = verifySignature(view, auth, secret, payloadHash, s3)
  if (!result.ok) {
    // S3 echoes the canonical request; a session token in it is a secret, so it is redacted.
    fail({ kind: 'signature', accessKeyId: auth.accessKeyId, provided: auth.signature, stringToSign: result.stringToSign, canonicalRequest: redactToken(result.canonicalRequest, auth.securityToken) })
  }
}

function checkTime(auth: SigV4Auth, now: number, fail: (f: AuthFailure) => never): void {
  const requestMs = fromAmzDate(auth.amzDate)
  const base = () => ({ requestDate: auth.amzDate, serverDate: toAmzDate(now), requestMs, nowMs: now })
  if (requestMs > now + SKEW_MS) fail({ kind: 'skew-future', ...base(), limitDate: toAmzDate(now + SKEW_MS) })
  if (auth.mode === 'query') {
    const expiresAt = requestMs + auth.expires! * 1000
    if (now > expiresAt) fail({ kind: 'presign-expired', expires: auth.expires!, expiresAt, nowMs: now })
  } else if (requestMs < now - SKEW_MS) {
    fail({ kind: 'skew-past', ...base(), limitDate: toAmzDate(now - SKEW_MS) })
  }
}

/** The decoded request body after payload checks (hash match, aws-chunked decoding). */
function payload(
  inc: Incoming,
  auth: SigV4Auth,
  secret: string,
  payloadHash: string,
  fail: (f: AuthFailure) => never,
): { data: Uint8Array; trailers: Record<string, string> } {
  if (HEX64.test(payloadHash)) {
    const computed = inc.body.length === 0 ? EMPTY_SHA256 : sha256Hex(inc.body)
    if (computed !== payloadHash.toLowerCase()) fail({ kind: 'content-sha-mismatch', claimed: payloadHash, computed })
    return { data: inc.body, trailers: {} }
  }
  if (!payloadHash.startsWith('STREAMING-')) return { data: inc.body, trailers: {} }
  let decoded
  try {
    decoded = decodeAwsChunked(inc.body)
  } catch (err) {
    if (err instanceof ChunkedBodyError) {
      throw new AwsServiceError('IncompleteBody', 400, 'The request body terminated unexpectedly')
    }
    throw err
  }
  if (payloadHash.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD')) {
    let previous = auth.signature
    for (const chunk of decoded.chunks) {
      const stringToSign = [
        'AWS4-HMAC-SHA256-PAYLOAD',
        auth.amzDate,
        auth.scope,
        previous,
        EMPTY_SHA256,
        sha256Hex(chunk.data),
      ].join('\n')
      const expected = signString(auth, secret, stringToSign)
      // Constant time, like the request's own signature: no early exit that times the prefix.
      if (chunk.signature === undefined || !safeEqual(expected, chunk.signature)) {
        fail({ kind: 'signature', accessKeyId: auth.accessKeyId, provided: chunk.signature ?? '', stringToSign, canonicalRequest: '' })
      }
      previous = expected
    }
  }
  return { data: decoded.data, trailers: decoded.trailers }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

function redactToken(text: string, token: string | undefined): string {
  if (!token) return text
  return text.split(token).join('<redacted>').split(encodeURIComponent(token)).join('<redacted>')
}
