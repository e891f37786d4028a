import { isIP } from 'node:net'
import type { HeaderView } from '../incoming.js'

/**
 * Browser safety for a server on loopback. A web page can reach `127.0.0.1` too: with the
 * published root key it can build presigned URLs and change state through `fetch(url,
 * {mode: 'no-cors'})` (the answer is opaque, the side effect is not), and a page served from a
 * name that it rebinds to 127.0.0.1 (DNS rebinding) can even read answers. Both leave traces a
 * server can check: a browser names the page's origin (`Origin`, `Sec-Fetch-Site`), and a
 * rebound name arrives in `Host`. AWS clients send neither an `Origin` nor a foreign `Host`.
 */
export interface BrowserPolicy {
  /** Origins allowed to call (scheme://host[:port], normalised), `serve --allow-origin`. */
  origins: ReadonlySet<string>
  /** Is this Host name (lower case, no port, no brackets) one the server answers to? */
  hostAllowed(name: string): boolean
}

export type GuardVerdict =
  | { ok: true; /** The allowed Origin to echo in CORS headers. */ corsOrigin?: string }
  | { ok: false; message: string }

/** Headers a browser client may read from an answer (CORS `Access-Control-Expose-Headers`). */
const EXPOSED = ['etag', 'x-amz-request-id', 'x-amz-id-2', 'x-amzn-requestid', 'x-amz-version-id', 'x-amz-bucket-region', 'x-iamflow-decision', 'x-iamflow-consistency-delay', 'content-length', 'last-modified']

/** `Origin` as the browser would compare it: lower-case scheme and host, default port dropped. */
export function normaliseOrigin(origin: string): string | undefined {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return undefined
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) return undefined
  return url.origin
}

/** The host name of a Host header: lower case, without port, brackets or a trailing dot. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase()
  const name = h.startsWith('[') ? h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined) : h.replace(/:\d*$/, '')
  return name.endsWith('.') ? name.slice(0, -1) : name
}

/** A loopback address or name: 127.0.0.0/8, ::1 (also IPv4-mapped), `localhost` and `*.localhost`. */
export function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  return isLoopbackAddress(name)
}

/** 127.0.0.0/8, ::1, ::ffff:127.x.x.x. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase()
  if (isIP(a) === 4) return a.startsWith('127.')
  if (isIP(a) !== 6) return false
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true
  const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a)
  return mapped !== null && mapped[1]!.startsWith('127.')
}

/**
 * Decide whether a request may be served: its Host must name this server, and a request a
 * browser made on behalf of another site (an `Origin` not allowed, or `Sec-Fetch-Site:
 * cross-site`/`same-site` without an allowed `Origin`) is refused. A navigation the user made
 * (`Sec-Fetch-Site: none`, no `Origin`), such as opening a presigned URL, is served.
 */
export function checkBrowser(headers: HeaderView, policy: BrowserPolicy): GuardVerdict {
  const host = headers.get('host')
  if (host === null || host.trim() === '') {
    return { ok: false, message: 'iamflow serve refuses requests without a Host header.' }
  }
  const name = hostName(host)
  if (!policy.hostAllowed(name)) {
    return {
      ok: false,
      message: `iamflow serve refuses Host '${clip(host)}': it answers only to its own address and to names allowed with --allow-host (protection against DNS rebinding). To use this name on purpose, start it with --allow-host ${clip(name)}.`,
    }
  }
  const origin = headers.get('origin')
  if (origin !== null) {
    const normal = normaliseOrigin(origin)
    if (normal !== undefined && policy.origins.has(normal)) return { ok: true, corsOrigin: normal }
    return {
      ok: false,
      message: `iamflow serve refuses cross-site requests from browsers: Origin '${clip(origin)}' is not allowed. To allow a browser client on purpose, start it with --allow-origin ${normal ?? '<scheme://host:port>'}.`,
    }
  }
  const site = headers.get('sec-fetch-site')
  if (site === 'cross-site' || site === 'same-site') {
    return {
      ok: false,
      message: `iamflow serve refuses cross-site requests from browsers (Sec-Fetch-Site: ${site}). To allow a browser client on purpose, start it with --allow-origin <its origin>.`,
    }
  }
  return { ok: true }
}

/** Is this a CORS preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`)? */
export function isPreflight(method: string, headers: HeaderView): boolean {
  return method === 'OPTIONS' && headers.has('origin') && headers.has('access-control-request-method')
}

/**
 * Does a request name an S3 bucket (path-style `/bucket...`, or a virtual-hosted `bucket.` host)?
 * Such a preflight is S3's to answer, from the bucket's CORS configuration (s3/cors-requests.ts);
 * serve answers the others (IAM, STS, the S3 service endpoint) itself.
 */
export function namesS3Bucket(rawPath: string, host: string | null): boolean {
  if (rawPath.length > 1) return true
  const name = host === null ? '' : hostName(host)
  if (/^(iam|sts|s3)[.-]/.test(name)) return false
  return name.endsWith('.localhost') || /\.s3[.-]/.test(name)
}

/** The answer to an allowed origin's preflight: any method S3/IAM/STS use, the headers asked for. */
export function preflightHeaders(origin: string, headers: HeaderView): Record<string, string> {
  const out: Record<string, string> = {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, PUT, POST, DELETE, HEAD',
    'access-control-max-age': '600',
    'access-control-expose-headers': EXPOSED.join(', '),
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    'content-length': '0',
  }
  const asked = headers.get('access-control-request-headers')
  if (asked) out['access-control-allow-headers'] = asked
  // Chrome's Private Network Access: a public page asking for a loopback server.
  if (headers.get('access-control-request-private-network') === 'true') out['access-control-allow-private-network'] = 'true'
  return out
}

/** CORS headers on an answer to an allowed origin. */
export function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED.join(', '), vary: 'Origin' }
}

/** Header values echoed in messages are clipped (a Host can be 16 KiB). */
function clip(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}...` : s
}
