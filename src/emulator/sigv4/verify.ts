import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'
import { canonicalRequest } from './canonical.js'
import { sha256Hex } from './hash.js'
import type { HeaderView } from '../incoming.js'
import type { SigV4Auth } from './parse.js'

const ALGORITHM_IDENTIFIER = 'AWS4-HMAC-SHA256'

/**
 * SigV4's string to sign (smithy's `createStringToSign`, computed synchronously: the algorithm,
 * the request date, the scope and the hex SHA-256 of the canonical request, one a line).
 */
export function stringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return `${ALGORITHM_IDENTIFIER}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`
}

/** The request as the signature covers it. */
export interface SignedView {
  method: string
  /** S3: the path exactly as sent (still percent-encoded). Others: the decoded path. */
  path: string
  /** Decoded query parameters, in order (presigned: including the X-Amz-* ones). */
  query: Array<[string, string]>
  headers: HeaderView
  /** Host (with port) for a signed `host` header the transport did not keep. */
  host: string
}

export type VerifyResult = { ok: true } | { ok: false; canonicalRequest: string; stringToSign: string }

/**
 * SigV4's signing key (AWS General Reference, "Derive a signing key"): HMAC-SHA256 chained over
 * `AWS4` + secret, the scope date, the region, the service and `aws4_request`; the same bytes
 * as smithy's `getSigningKey` (canonical.test.ts).
 */
export function signingKey(secret: string, scopeDate: string, region: string, service: string): Buffer {
  const date = createHmac('sha256', `AWS4${secret}`).update(scopeDate, 'utf8').digest()
  const inRegion = createHmac('sha256', date).update(region, 'utf8').digest()
  const inService = createHmac('sha256', inRegion).update(service, 'utf8').digest()
  return createHmac('sha256', inService).update('aws4_request', 'utf8').digest()
}

/**
 * Signing keys kept per secret, then per scope (`date/region/service/aws4_request`): the secret
 * itself is part of the cache key, so a request signed with any other secret (a rotated, deleted
 * or forged key) never finds an entry, and which key a request may use is decided before this
 * (`resolveCaller`), on every request. Two levels, so no key string is built per request.
 * Bounded: at most 1,000 secrets (the oldest leaves first) and 16 scopes each (emptied when full).
 */
const keyCache = new Map<string, Map<string, KeyObject>>()
const SECRETS_LIMIT = 1000
const SCOPES_PER_SECRET = 16

/** The hex HMAC-SHA256 of the string to sign under the request's (cached) signing key. */
function signWithKey(auth: SigV4Auth, secret: string, toSign: string): string {
  let scopes = keyCache.get(secret)
  if (scopes === undefined) {
    if (keyCache.size >= SECRETS_LIMIT) keyCache.delete(keyCache.keys().next().value!)
    scopes = new Map()
    keyCache.set(secret, scopes)
  }
  let key = scopes.get(auth.scope)
  if (key === undefined) {
    // A KeyObject: HMAC with it skips copying the key's bytes on every request.
    key = createSecretKey(signingKey(secret, auth.scopeDate, auth.region, auth.service))
    if (scopes.size >= SCOPES_PER_SECRET) scopes.clear()
    scopes.set(auth.scope, key)
  }
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex')
}

/** Recompute the request's signature with `secret` and compare it with the one provided (in constant time). */
export function verifySignature(view: SignedView, auth: SigV4Auth, secret: string, payloadHash: string, s3: boolean): VerifyResult {
  const canonical = canonicalRequest(view, auth.signedHeaders, payloadHash, s3)
  const toSign = stringToSign(auth.amzDate, auth.scope, canonical)
  if (safeEqual(signWithKey(auth, secret, toSign), auth.signature)) return OK
  return { ok: false, canonicalRequest: canonical, stringToSign: toSign }
}
const OK: VerifyResult = Object.freeze({ ok: true })

/** Sign an arbitrary string with the request's scope (aws-chunked chunk signatures). */
export function signString(auth: SigV4Auth, secret: string, toSign: string): string {
  return signWithKey(auth, secret, toSign)
}

/** Constant-time comparison of two signatures (hex text); false when the lengths differ. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
