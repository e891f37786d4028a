import type { Caller } from '../services/types.js'
import type { Incoming } from '../incoming.js'
import type { EmulatorState } from '../state/model.js'
import { ChunkedBodyError, decodeAwsChunked } from '../sigv4/chunked.js'
import { authError, type AuthFailure, type ServiceFamily } from '../sigv4/failures.js'
import { EMPTY_SHA256, sha256Hex } from '../sigv4/hash.js'
import { fromAmzDate, parseAuth, toAmzDate, type SigV4Auth } from '../sigv4/parse.js'
import { signString, verifySignature } from '../sigv4/verify.js'
import { AwsServiceError } from '../services/types.js'
import { recordUse } from './last-used.js'
import { resolveCaller } from './resolve.js'

const SKEW_MS = 15 * 60 * 1000
const HEX64 = /^[0-9a-f]{64}$/

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
 * Authenticate a request as AWS does, in AWS's order (spec 2.4): parse -> key -> token ->
 * date/skew -> signature -> payload. Throws AwsServiceError with the family's code and message.
 * Returns `anonymous` only when the request carries no authentication at all.
 */
export async function authenticate(state: EmulatorState, inc: Incoming, opts: AuthOptions): Promise<AuthOutcome> {
  const fail = (f: AuthFailure): never => {
    throw authError(opts.family, f)
  }
  const parsed = parseAuth({ headers: inc.headers, query: inc.query })
  if (parsed.kind === 'none') return { kind: 'anonymous', body: inc.body }
  if (parsed.kind === 'fail') return fail(parsed.failure)
  const auth = parsed.auth
  if (auth.service !== opts.service) fail({ kind: 'wrong-service', given: auth.service, expected: opts.service })
  if (opts.region && auth.region !== opts.region) fail({ kind: 'wrong-region', given: auth.region, expected: opts.region })

  const resolved = resolveCaller(state, auth.accessKeyId, auth.securityToken, inc.now)
  if (!resolved.ok) return fail(resolved.failure)

  if (auth.scopeDate !== auth.amzDate.slice(0, 8)) fail({ kind: 'scope-date', scopeDate: auth.scopeDate, requestDate: auth.amzDate })
  checkTime(auth, inc.now, fail)

  const s3 = opts.family === 's3'
  const claimed = inc.headers.get('x-amz-content-sha256') ?? undefined
  let payloadHash: string
  if (auth.mode === 'query') payloadHash = s3 ? 'UNSIGNED-PAYLOAD' : claimed ?? sha256Hex(inc.body)
  else if (s3) payloadHash = claimed ?? fail({ kind: 'missing-content-sha' })
  else payloadHash = claimed ?? sha256Hex(inc.body)

  const view = {
    method: inc.method,
    path: s3 ? inc.rawPath : safeDecode(inc.rawPath),
    query: inc.query,
    headers: inc.headers,
    host: inc.host,
  }
  const result = await verifySignature(view, auth, resolved.secret, payloadHash, s3)
  if (!result.ok) {
    // S3 echoes the canonical request; a session token in it is a secret, so it is redacted.
    fail({ kind: 'signature', accessKeyId: auth.accessKeyId, provided: auth.signature, stringToSign: result.stringToSign, canonicalRequest: redactToken(result.canonicalRequest, auth.securityToken) })
  }
  const { data, trailers } = await payload(inc, auth, resolved.secret, payloadHash, fail)
  recordUse(state, resolved.caller, auth.service, auth.region, inc.now)
  return { kind: 'signed', caller: resolved.caller, auth, body: data, trailers }
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
async function payload(
  inc: Incoming,
  auth: SigV4Auth,
  secret: string,
  payloadHash: string,
  fail: (f: AuthFailure) => never,
): Promise<{ data: Uint8Array; trailers: Record<string, string> }> {
  if (HEX64.test(payloadHash)) {
    const computed = inc.body.length === 0 ? EMPTY_SHA256 : sha256Hex(inc.body)
    if (computed !== payloadHash) fail({ kind: 'content-sha-mismatch', claimed: payloadHash, computed })
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
      const expected = await signString(auth, secret, stringToSign)
      if (expected !== chunk.signature) {
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
