/**
 * SigV4's canonical request, computed by the emulator itself (AWS General Reference, "Create a
 * canonical request"). It is byte for byte what `@smithy/signature-v4` builds from the same
 * request (`getCanonicalHeaders` + `createCanonicalRequest`, which the emulator called before):
 * `canonical.test.ts` proves it with a property test over adversarial requests against smithy's
 * own functions. Written here because smithy's path cost about 4 µs a request (an HttpRequest,
 * two records, regex replacements, sorting through object keys) on `iamflow serve`'s hot path.
 *
 * The rules, as smithy applies them to a request the emulator verifies:
 * - headers: every name the client listed in SignedHeaders (already lower-case), once, sorted
 *   by UTF-16 code units; the value as received (duplicates joined by the transport), CR and
 *   LF turned into spaces, runs of spaces and tabs folded to one space, one leading and one
 *   trailing space removed; a listed header the request lacks takes part with an empty value
 *   (so the signature cannot match, as on AWS), except `host`, which falls back to the Host
 *   the transport kept;
 * - query: parameters grouped by name (`X-Amz-Signature`, any case, left out), names and
 *   values URI-encoded (RFC 3986 unreserved characters kept, everything else `%XX` in upper
 *   case), names sorted, a name's values sorted as `name=value` strings (`__proto__`: see
 *   canonicalQuery);
 * - path: S3's as sent; other services' normalised (empty and `.` segments dropped, `..` pops)
 *   and encoded again, `/` kept.
 */
import type { HeaderView } from '../incoming.js'

/** What the canonical request covers (see `SignedView` in verify.ts). */
export interface CanonicalInput {
  method: string
  path: string
  query: ReadonlyArray<readonly [string, string]>
  headers: HeaderView
  host: string
}

/**
 * SigV4's URI encoding (smithy's `escapeUri`): `encodeURIComponent`, then `!'()*` as `%XX`.
 * Throws URIError on a lone surrogate, as smithy does.
 */
export function escapeUri(s: string): string {
  const e = encodeURIComponent(s)
  return NEEDS_EXTRA.test(e) ? e.replace(EXTRA, hexEncode) : e
}
const NEEDS_EXTRA = /[!'()*]/
const EXTRA = /[!'()*]/g
const hexEncode = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`

/**
 * A header value as SigV4 canonicalises it (smithy: CR/LF -> space, `[ \t]+` -> one space,
 * then one leading and one trailing space removed). Values with nothing to fold (the usual
 * case) are returned as they are, without a regex.
 */
export function canonicalHeaderValue(value: string): string {
  if (!NEEDS_FOLDING.test(value)) return value
  const folded = value.replace(CRLF, ' ').replace(SPACES, ' ')
  const start = folded.charCodeAt(0) === 32 ? 1 : 0
  const end = folded.length > start && folded.charCodeAt(folded.length - 1) === 32 ? folded.length - 1 : folded.length
  return folded.slice(start, end)
}
/** Something to fold: a tab, CR or LF, two spaces in a row, or a space at either end. */
const NEEDS_FOLDING = /[\t\r\n]|  |^ | $/
const CRLF = /[\r\n]/g
const SPACES = /[ \t]+/g

/** Code-unit order, as `Array.prototype.sort()` without a comparator. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The canonical path: S3's as sent; others normalised and encoded a second time. */
export function canonicalPath(path: string, s3: boolean): string {
  if (s3 || path === '/') return path
  const segments: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  const normalised = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`
  return escapeUri(normalised).replace(SLASH, '/')
}
const SLASH = /%2F/g

/** The canonical query string of decoded parameters (`X-Amz-Signature` left out). */
export function canonicalQuery(query: ReadonlyArray<readonly [string, string]>): string {
  if (query.length === 0) return ''
  // Parameter names are the client's: a Map, never an object's keys.
  const byName = new Map<string, string[]>()
  for (const [name, value] of query) {
    if (name.length === 15 && name.toLowerCase() === 'x-amz-signature') continue
    const key = escapeUri(name)
    const pair = `${key}=${escapeUri(value)}`
    const values = byName.get(key)
    if (values === undefined) byName.set(key, [pair])
    else values.push(pair)
  }
  const names = [...byName.keys()].sort(byCodeUnits)
  let out = ''
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!
    const values = byName.get(name)!
    if (values.length > 1) values.sort(byCodeUnits)
    // smithy keeps the pairs in a plain object, where `__proto__` cannot be set: it reads back
    // Object.prototype, written "[object Object]". SDK v3 clients sign that, and the emulator
    // has always verified with smithy's result: kept, so such requests verify as before.
    const joined = name === '__proto__' ? '[object Object]' : values.join('&')
    out += i === 0 ? joined : `&${joined}`
  }
  return out
}

/**
 * The signed header names, once each, sorted; with their canonical lines. `signedHeaders` are
 * the lower-case names the client listed (parse.ts).
 */
function canonicalHeaders(input: CanonicalInput, signedHeaders: readonly string[]): { lines: string; names: string } {
  let names: readonly string[] = signedHeaders
  // Clients list them sorted and once (SigV4 requires it); anything else is sorted here.
  for (let i = 1; i < names.length; i++) {
    if (!(names[i - 1]! < names[i]!)) {
      names = [...new Set(signedHeaders)].sort(byCodeUnits)
      break
    }
  }
  let lines = ''
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!
    const raw = input.headers.get(name) ?? (name === 'host' ? input.host : undefined)
    const value = raw === undefined ? '' : canonicalHeaderValue(raw)
    lines += i === 0 ? `${name}:${value}` : `\n${name}:${value}`
  }
  return { lines, names: names.join(';') }
}

/** The canonical request SigV4 signs: method, path, query, headers, signed names, payload hash. */
export function canonicalRequest(input: CanonicalInput, signedHeaders: readonly string[], payloadHash: string, s3: boolean): string {
  const { lines, names } = canonicalHeaders(input, signedHeaders)
  // As smithy's HttpRequest takes them: no method is GET, a path gets its leading `/`.
  const method = input.method || 'GET'
  const path = input.path === '' ? '/' : input.path.charCodeAt(0) === 47 ? input.path : `/${input.path}`
  return `${method}\n${canonicalPath(path, s3)}\n${canonicalQuery(input.query)}\n${lines}\n\n${names}\n${payloadHash}`
}
