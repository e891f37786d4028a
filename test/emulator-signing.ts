import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { NodeSha256 } from '../src/emulator/sigv4/hash.js'
import type { Creds } from './emulator-helpers.js'

export interface RawRequest {
  service: 'iam' | 'sts' | 's3'
  region?: string
  method?: string
  host?: string
  path?: string
  query?: Record<string, string>
  headers?: Record<string, string>
  body?: string | Uint8Array
  creds: Creds
  /** Signing time (default now). */
  date?: Date
  /** Presign instead of signing the header, valid this many seconds. */
  presign?: number
}

function url(host: string, path: string, query: Record<string, string | string[] | null>): string {
  const qs = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return `http://${host}${path}${qs ? `?${qs}` : ''}`
}

/** A fetch Request signed (or presigned) with SigV4 by smithy's signer, as an SDK would send it. */
export async function signedRequest(r: RawRequest): Promise<Request> {
  const host = r.host ?? 'localhost:4566'
  const s3 = r.service === 's3'
  const signer = new SignatureV4({
    service: r.service,
    region: r.region ?? 'us-east-1',
    credentials: r.creds,
    sha256: NodeSha256,
    uriEscapePath: !s3,
    applyChecksum: s3,
  })
  const request = new HttpRequest({
    method: r.method ?? 'POST',
    protocol: 'http:',
    hostname: host.split(':')[0],
    path: r.path ?? '/',
    query: r.query ?? {},
    headers: { host, ...r.headers },
    ...(r.body !== undefined ? { body: r.body } : {}),
  })
  const signed = r.presign
    ? await signer.presign(request, { signingDate: r.date ?? new Date(), expiresIn: r.presign })
    : await signer.sign(request, { signingDate: r.date ?? new Date() })
  const method = signed.method
  return new Request(url(host, signed.path, signed.query as Record<string, string>), {
    method,
    headers: signed.headers,
    ...(method !== 'GET' && method !== 'HEAD' && r.body !== undefined ? { body: r.body } : {}),
  })
}

/** Form body of a Query call. */
export function form(action: string, version: string, params: Record<string, string> = {}): string {
  return new URLSearchParams({ Action: action, Version: version, ...params }).toString()
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }
