import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'
import { HttpRequest } from '@smithy/protocol-http'
import { ALGORITHM_IDENTIFIER, SignatureV4, getCanonicalHeaders, getSigningKey } from '@smithy/signature-v4'
import type { HeaderBag } from '@smithy/types'
import { NodeSha256, sha256Hex } from './hash.js'
import type { HeaderView } from '../incoming.js'
import type { SigV4Auth } from './parse.js'
import { dict, hasOwnKey, setOwn } from '../../safe-object.js'

/**
 * A SignatureV4 that exposes smithy's own canonical-request step, so the emulator recomputes
 * signatures with exactly the code the SDK signs with (no reimplementation of canonicalisation).
 */
class VerifyingSigner extends SignatureV4 {
  canonical(request: HttpRequest, headers: HeaderBag, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash)
  }
}

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
 * Canonicalisation does not depend on credentials, so two signers serve every request:
 * S3 (path used as sent) and the others (path normalised and double-encoded).
 */
const NO_CREDENTIALS = { accessKeyId: '', secretAccessKey: '' }
const signers = {
  s3: new VerifyingSigner({ service: 's3', region: 'us-east-1', credentials: NO_CREDENTIALS, sha256: NodeSha256, uriEscapePath: false, applyChecksum: false }),
  other: new VerifyingSigner({ service: 'sts', region: 'us-east-1', credentials: NO_CREDENTIALS, sha256: NodeSha256, uriEscapePath: true, applyChecksum: false }),
}

/**
 * Signing keys derived by smithy's getSigningKey, kept per (secret, date, region, service): the
 * secret itself is part of the cache key, so a request signed with any other secret (a rotated,
 * deleted or forged key) never finds an entry, and which key a request may use is decided before
 * this (`resolveCaller`), on every request. Bounded: the oldest entry leaves first.
 */
const keyCache = new Map<string, KeyObject>()
const KEY_CACHE_LIMIT = 1000

async function deriveKey(auth: SigV4Auth, secret: string, id: string): Promise<KeyObject> {
  // A KeyObject: HMAC with it skips copying the key's bytes on every request.
  const key = createSecretKey(await getSigningKey(NodeSha256, { accessKeyId: auth.accessKeyId, secretAccessKey: secret }, auth.scopeDate, auth.region, auth.service))
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.delete(keyCache.keys().next().value!)
  keyCache.set(id, key)
  return key
}

/**
 * The final step: hex HMAC-SHA256 of the string to sign under the derived signing key;
 * synchronous when the key is cached (the usual case), a promise when it must be derived.
 */
function signWithKey(auth: SigV4Auth, secret: string, toSign: string): string | Promise<string> {
  const id = `${auth.scopeDate}/${auth.region}/${auth.service}/${secret}`
  const cached = keyCache.get(id)
  if (cached) return createHmac('sha256', cached).update(toSign, 'utf8').digest('hex')
  return deriveKey(auth, secret, id).then((key) => createHmac('sha256', key).update(toSign, 'utf8').digest('hex'))
}

/** Recompute the request's signature with `secret` and compare it with the one provided. */
export async function verifySignature(
  view: SignedView,
  auth: SigV4Auth,
  secret: string,
  payloadHash: string,
  s3: boolean,
): Promise<VerifyResult> {
  const signer = s3 ? signers.s3 : signers.other
  // Header and parameter names are the client's: prototype-free records, own-key tests.
  const signed = dict<string>()
  for (const name of auth.signedHeaders) {
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
  const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(auth.signedHeaders))
  // Headers the client listed but did not send still take part (with no value), so the
  // signature cannot match, as on AWS.
  for (const name of auth.signedHeaders) if (!hasOwnKey(canonicalHeaders, name)) setOwn(canonicalHeaders, name, '')
  const canonicalRequest = signer.canonical(request, canonicalHeaders, payloadHash)
  const toSign = stringToSign(auth.amzDate, auth.scope, canonicalRequest)
  const signature = signWithKey(auth, secret, toSign)
  const expected = typeof signature === 'string' ? signature : await signature
  if (safeEqual(expected, auth.signature)) return { ok: true }
  return { ok: false, canonicalRequest, stringToSign: toSign }
}

/** Sign an arbitrary string with the request's scope (aws-chunked chunk signatures). */
export async function signString(auth: SigV4Auth, secret: string, toSign: string): Promise<string> {
  return signWithKey(auth, secret, toSign)
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
