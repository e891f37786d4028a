import { timingSafeEqual } from 'node:crypto'
import { HttpRequest } from '@smithy/protocol-http'
import { ALGORITHM_IDENTIFIER, SignatureV4, getCanonicalHeaders } from '@smithy/signature-v4'
import type { HeaderBag } from '@smithy/types'
import { NodeSha256 } from './hash.js'
import type { SigV4Auth } from './parse.js'

/**
 * A SignatureV4 that exposes smithy's own canonical-request and string-to-sign steps, so the
 * emulator recomputes signatures with exactly the code the SDK signs with (no reimplementation).
 */
class VerifyingSigner extends SignatureV4 {
  canonical(request: HttpRequest, headers: HeaderBag, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash)
  }
  toSign(longDate: string, scope: string, canonicalRequest: string): Promise<string> {
    return this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER)
  }
}

/** The request as the signature covers it. */
export interface SignedView {
  method: string
  /** S3: the path exactly as sent (still percent-encoded). Others: the decoded path. */
  path: string
  /** Decoded query parameters, in order (presigned: including the X-Amz-* ones). */
  query: Array<[string, string]>
  headers: Headers
  /** Host (with port) for a signed `host` header the transport did not keep. */
  host: string
}

export type VerifyResult = { ok: true } | { ok: false; canonicalRequest: string; stringToSign: string }

function signerFor(auth: SigV4Auth, secret: string, s3: boolean): VerifyingSigner {
  return new VerifyingSigner({
    service: auth.service,
    region: auth.region,
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: secret },
    sha256: NodeSha256,
    uriEscapePath: !s3,
    applyChecksum: false,
  })
}

function scopeDate(auth: SigV4Auth): Date {
  const d = auth.scopeDate
  return new Date(Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8)))
}

/** Recompute the request's signature with `secret` and compare it with the one provided. */
export async function verifySignature(
  view: SignedView,
  auth: SigV4Auth,
  secret: string,
  payloadHash: string,
  s3: boolean,
): Promise<VerifyResult> {
  const signer = signerFor(auth, secret, s3)
  const signed: Record<string, string> = {}
  for (const name of auth.signedHeaders) {
    const value = view.headers.get(name) ?? (name === 'host' ? view.host : undefined)
    if (value !== undefined) signed[name] = value
  }
  const query: Record<string, string | string[]> = {}
  for (const [k, v] of view.query) {
    const prev = query[k]
    if (prev === undefined) query[k] = v
    else query[k] = Array.isArray(prev) ? [...prev, v] : [prev, v]
  }
  const request = new HttpRequest({ method: view.method, path: view.path, query, headers: signed })
  const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(auth.signedHeaders))
  // Headers the client listed but did not send still take part (with no value), so the
  // signature cannot match, as on AWS.
  for (const name of auth.signedHeaders) if (!(name in canonicalHeaders)) canonicalHeaders[name] = ''
  const canonicalRequest = signer.canonical(request, canonicalHeaders, payloadHash)
  const stringToSign = await signer.toSign(auth.amzDate, auth.scope, canonicalRequest)
  const expected = await signer.sign(stringToSign, {
    signingDate: scopeDate(auth),
    signingRegion: auth.region,
    signingService: auth.service,
  })
  if (safeEqual(expected, auth.signature)) return { ok: true }
  return { ok: false, canonicalRequest, stringToSign }
}

/** Sign an arbitrary string with the request's scope (aws-chunked chunk signatures). */
export function signString(auth: SigV4Auth, secret: string, stringToSign: string): Promise<string> {
  return signerFor(auth, secret, true).sign(stringToSign, {
    signingDate: scopeDate(auth),
    signingRegion: auth.region,
    signingService: auth.service,
  })
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
