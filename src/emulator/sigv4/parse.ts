import type { HeaderView } from '../incoming.js'
import type { AuthFailure } from './failures.js'

/** The SigV4 authentication a request carries, as parsed (not yet verified). */
export interface SigV4Auth {
  mode: 'header' | 'query'
  accessKeyId: string
  /** `YYYYMMDD` from the credential scope. */
  scopeDate: string
  region: string
  service: string
  /** `date/region/service/aws4_request`. */
  scope: string
  /** Lower-case header names, as listed by the client (shared between requests: never changed). */
  signedHeaders: readonly string[]
  signature: string
  /** `YYYYMMDDTHHMMSSZ` (X-Amz-Date, or the Date header converted). */
  amzDate: string
  /** Presigned only: X-Amz-Expires seconds. */
  expires?: number
  securityToken?: string
}

export type ParsedAuth = { kind: 'none' } | { kind: 'ok'; auth: SigV4Auth } | { kind: 'fail'; failure: AuthFailure }

/** What parsing needs from a request (headers lower-cased, query already decoded). */
export interface AuthSource {
  headers: HeaderView
  query: Array<[string, string]>
}

const ALGORITHM = 'AWS4-HMAC-SHA256'
const AMZ_DATE = /^\d{8}T\d{6}Z$/

/**
 * Where a request keeps what parsing found (its headers and query never change): a property of
 * the request object under a symbol of ours, not a WeakMap (one entry per request in a
 * long-lived WeakMap is work for every young-generation GC).
 */
const PARSED = Symbol('iamflow.sigv4.parsed')

/** {@link parseAuth} of a request, computed once: admission and authentication both need it. */
export function parsedAuthOf(req: AuthSource): ParsedAuth {
  const holder = req as AuthSource & { [PARSED]?: ParsedAuth }
  return (holder[PARSED] ??= parseAuth(req))
}

/** Read SigV4 auth from the Authorization header or from presigned query parameters. */
export function parseAuth(req: AuthSource): ParsedAuth {
  const header = req.headers.get('authorization')
  if (header !== null && /^AWS [^:\s]+:/.test(header.trim())) return { kind: 'fail', failure: { kind: 'sigv2' } }
  if (header !== null) return parseHeaderAuth(header, req)
  if (req.query.some(([k]) => k === 'AWSAccessKeyId') && req.query.some(([k]) => k === 'Signature')) return { kind: 'fail', failure: { kind: 'sigv2' } }
  if (req.query.some(([k]) => k === 'X-Amz-Algorithm' || k === 'X-Amz-Credential' || k === 'X-Amz-Signature')) {
    return parseQueryAuth(req)
  }
  return { kind: 'none' }
}

type CredentialScope = Readonly<Omit<SigV4Auth, 'mode' | 'signedHeaders' | 'signature' | 'amzDate'>>

/**
 * Parsed credential scopes of the last few Credential values (a client sends the same one with
 * every request of a day, region and service). Bounded: emptied when full. Entries are frozen.
 */
const scopes = new Map<string, CredentialScope | undefined>()
const SCOPES_LIMIT = 256
const CREDENTIAL_LENGTH_CACHED = 256

function parseCredential(credential: string): CredentialScope | undefined {
  if (credential.length > CREDENTIAL_LENGTH_CACHED) return parseCredentialText(credential)
  let scope = scopes.get(credential)
  if (scope === undefined && !scopes.has(credential)) {
    scope = parseCredentialText(credential)
    if (scopes.size >= SCOPES_LIMIT) scopes.clear()
    scopes.set(credential, scope)
  }
  return scope
}

function parseCredentialText(credential: string): CredentialScope | undefined {
  const parts = credential.split('/')
  if (parts.length !== 5 || parts.some((p) => p === '') || parts[4] !== 'aws4_request') return undefined
  const [accessKeyId, scopeDate, region, service] = parts as [string, string, string, string]
  return Object.freeze({ accessKeyId, scopeDate, region, service, scope: parts.slice(1).join('/') })
}

function parseHeaderAuth(header: string, req: AuthSource): ParsedAuth {
  const trimmed = header.trim()
  const space = trimmed.indexOf(' ')
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space)
  if (algorithm !== ALGORITHM) {
    return { kind: 'fail', failure: { kind: 'incomplete', message: `Unsupported AWS 'algorithm': '${algorithm}'` } }
  }
  // `key=value` pairs separated by commas; the last of a repeated key counts; other keys are ignored.
  let credential: string | undefined
  let signedHeaders: string | undefined
  let signature: string | undefined
  const rest = trimmed.slice(space + 1)
  for (let start = 0; start <= rest.length; ) {
    let comma = rest.indexOf(',', start)
    if (comma < 0) comma = rest.length
    const t = rest.slice(start, comma).trim()
    start = comma + 1
    if (!t) continue
    const eq = t.indexOf('=')
    if (eq < 0) {
      return {
        kind: 'fail',
        failure: {
          kind: 'incomplete',
          message: `'${t}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
        },
      }
    }
    const key = t.slice(0, eq)
    if (key === 'Credential') credential = t.slice(eq + 1)
    else if (key === 'SignedHeaders') signedHeaders = t.slice(eq + 1)
    else if (key === 'Signature') signature = t.slice(eq + 1)
  }
  const amzDate = requestDate(req.headers)
  if (!credential || !signature || !signedHeaders || !amzDate) {
    const missing: string[] = []
    if (!credential) missing.push("Authorization header requires 'Credential' parameter.")
    if (!signature) missing.push("Authorization header requires 'Signature' parameter.")
    if (!signedHeaders) missing.push("Authorization header requires 'SignedHeaders' parameter.")
    if (!amzDate) missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
    return { kind: 'fail', failure: { kind: 'incomplete', message: `${missing.join(' ')} Authorization=${header}` } }
  }
  const scope = parseCredential(credential)
  if (!scope) return { kind: 'fail', failure: { kind: 'malformed-credential', credential } }
  const token = req.headers.get('x-amz-security-token') ?? undefined
  const auth: SigV4Auth = {
    mode: 'header',
    accessKeyId: scope.accessKeyId,
    scopeDate: scope.scopeDate,
    region: scope.region,
    service: scope.service,
    scope: scope.scope,
    signedHeaders: signedNames(signedHeaders),
    signature,
    amzDate,
  }
  if (token !== undefined) auth.securityToken = token
  return { kind: 'ok', auth }
}

/**
 * {@link lowerNames} of the last few SignedHeaders values (a client lists the same headers on
 * every request of an operation), frozen: requests share them. Bounded like the scopes: at most
 * 256 lists of at most 512 characters, emptied when full.
 */
const signedLists = new Map<string, readonly string[]>()
const SIGNED_LISTS_LIMIT = 256
const SIGNED_LIST_LENGTH_CACHED = 512

function signedNames(list: string): readonly string[] {
  if (list.length > SIGNED_LIST_LENGTH_CACHED) return lowerNames(list)
  let names = signedLists.get(list)
  if (names === undefined) {
    names = Object.freeze(lowerNames(list))
    if (signedLists.size >= SIGNED_LISTS_LIMIT) signedLists.clear()
    signedLists.set(list, names)
  }
  return names
}

/** `a;b;c` -> lower-case names (the usual list is lower-case already: no copies made). */
function lowerNames(list: string): string[] {
  const names = list.split(';')
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!
    if (!isLowerToken(name)) names[i] = name.toLowerCase()
  }
  return names
}

/** Only `a-z`, `0-9` and `-` (what toLowerCase leaves as it is, the usual header name). */
function isLowerToken(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i)
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return false
  }
  return true
}

function parseQueryAuth(req: AuthSource): ParsedAuth {
  const q = new Map(req.query)
  const algorithm = q.get('X-Amz-Algorithm')
  const credential = q.get('X-Amz-Credential')
  const signature = q.get('X-Amz-Signature')
  const amzDate = q.get('X-Amz-Date')
  const signedHeaders = q.get('X-Amz-SignedHeaders')
  const expires = q.get('X-Amz-Expires')
  // An empty X-Amz-SignedHeaders is present (AWS then answers that `host` was not signed).
  if (!algorithm || !credential || !signature || !amzDate || signedHeaders === undefined || !expires) {
    return { kind: 'fail', failure: { kind: 'presign-incomplete' } }
  }
  if (algorithm !== ALGORITHM) {
    return { kind: 'fail', failure: { kind: 'incomplete', message: `Unsupported AWS 'algorithm': '${algorithm}'` } }
  }
  if (!AMZ_DATE.test(amzDate) || !/^\d+$/.test(expires)) return { kind: 'fail', failure: { kind: 'presign-incomplete' } }
  if (Number(expires) > 604800) return { kind: 'fail', failure: { kind: 'presign-too-long' } }
  const scope = parseCredential(credential)
  if (!scope) return { kind: 'fail', failure: { kind: 'malformed-credential', credential } }
  const token = q.get('X-Amz-Security-Token')
  return {
    kind: 'ok',
    auth: {
      mode: 'query',
      ...scope,
      signedHeaders: signedHeaders.split(';').filter((h) => h !== '').map((h) => h.toLowerCase()),
      signature,
      amzDate,
      expires: Number(expires),
      ...(token !== undefined ? { securityToken: token } : {}),
    },
  }
}

/** X-Amz-Date, or the HTTP Date header converted to the ISO-8601 basic format. */
function requestDate(headers: HeaderView): string | undefined {
  const amz = headers.get('x-amz-date')
  if (amz && AMZ_DATE.test(amz)) return amz
  const date = headers.get('date')
  if (!amz && date) {
    const ms = Date.parse(date)
    if (!Number.isNaN(ms)) return toAmzDate(ms)
  }
  return undefined
}

/** epoch ms -> `YYYYMMDDTHHMMSSZ`. */
export function toAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

/** `YYYYMMDDTHHMMSSZ` -> epoch ms. */
export function fromAmzDate(s: string): number {
  // Digits read in place (no six substrings); anything else takes the general reading, as before.
  if (s.length === 16) {
    const y = digits(s, 0, 4)
    const mo = digits(s, 4, 6)
    const d = digits(s, 6, 8)
    const h = digits(s, 9, 11)
    const mi = digits(s, 11, 13)
    const se = digits(s, 13, 15)
    if ((y | mo | d | h | mi | se) >= 0) return Date.UTC(y, mo - 1, d, h, mi, se)
  }
  return Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15))
}

/** The decimal number of `s[from, to)` when it is all ASCII digits, else -1. */
function digits(s: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}
