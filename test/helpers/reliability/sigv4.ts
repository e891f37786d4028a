import { request as httpRequest } from 'node:http'
import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import type { Creds } from './serve.js'

/** An HTTP request to send over loopback, exactly as given (headers, path, body untouched). */
export interface RawRequest {
  method: string
  /** Path, already percent-encoded as it goes on the wire. */
  path: string
  query?: Record<string, string>
  headers: Record<string, string>
  body?: string
}

/** How to sign: the scope (service, region), the credentials and the time. */
export interface SignWith {
  service: string
  region?: string
  creds: Creds
  date?: Date
  /** Presign (query authentication) for this many seconds instead of signing a header. */
  presign?: number
}

/**
 * Sign `req` with smithy's SignatureV4 (the SDK's own signer) as an SDK would for `host`:
 * S3 paths are not re-encoded and S3 requests carry `x-amz-content-sha256`.
 */
export async function signRaw(req: RawRequest, host: string, w: SignWith): Promise<RawRequest> {
  const s3 = w.service === 's3'
  const signer = new SignatureV4({ service: w.service, region: w.region ?? 'us-east-1', credentials: w.creds, sha256: Sha256, uriEscapePath: !s3, applyChecksum: s3 })
  const [hostname, port] = host.split(':')
  const http = new HttpRequest({
    method: req.method,
    protocol: 'http:',
    hostname,
    port: port ? Number(port) : undefined,
    path: req.path,
    query: req.query ?? {},
    headers: { host, ...req.headers },
    ...(req.body !== undefined ? { body: req.body } : {}),
  })
  const signingDate = w.date ?? new Date()
  let signed: { method: string; path: string; query: unknown; headers: Record<string, string> }
  if (w.presign) {
    // As the SDK's S3 presigner does: the payload is UNSIGNED-PAYLOAD, and that header stays out of the URL.
    const keep = new Set(['x-amz-content-sha256'])
    if (s3) http.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD'
    signed = (await signer.presign(http, { signingDate, expiresIn: w.presign, unsignableHeaders: keep, unhoistableHeaders: keep })) as unknown as typeof signed
    delete signed.headers['x-amz-content-sha256']
  } else {
    signed = (await signer.sign(http, { signingDate })) as unknown as typeof signed
  }
  return { method: signed.method, path: signed.path, query: { ...(signed.query as Record<string, string>) }, headers: { ...signed.headers }, ...(req.body !== undefined ? { body: req.body } : {}) }
}

/** What came back: status, AWS error code and message (when it is an error), the raw body. */
export interface RawResponse {
  status: number
  code?: string
  message?: string
  body: string
  headers: Record<string, string | string[] | undefined>
}

const entity = (s: string) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/** Send `req` to `endpoint` (http://127.0.0.1:port) with node:http, nothing added but Content-Length. */
export function sendRaw(endpoint: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(endpoint)
  const qs = Object.entries(req.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&')
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers }
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body))
    const r = httpRequest({ host: url.hostname, port: Number(url.port), method: req.method, path: `${req.path}${qs ? `?${qs}` : ''}`, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        const pick = (tag: string) => {
          const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(body)
          return m ? entity(m[1]) : undefined
        }
        resolve({ status: res.statusCode ?? 0, code: pick('Code'), message: pick('Message'), body, headers: res.headers })
      })
    })
    r.on('error', reject)
    if (req.body !== undefined) r.write(req.body)
    r.end()
  })
}

/** Form body of a Query (IAM/STS) call. */
export function queryBody(action: string, version: string, params: Record<string, string> = {}): string {
  return new URLSearchParams({ Action: action, Version: version, ...params }).toString()
}

export const FORM_TYPE = 'application/x-www-form-urlencoded; charset=utf-8'
