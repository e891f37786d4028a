import { authenticateHead } from './auth/authenticate.js'
import { queryRequestId, s3HostId, s3RequestId } from './ids.js'
import { incomingFrom, type Incoming, type IncomingParts } from './incoming.js'
import { toServiceError } from './protocols/query.js'
import { QUERY_SERVICES, queryErrorXml, queryHeaders } from './protocols/query-serialize.js'
import { s3Address, s3ErrorXml, s3Headers } from './protocols/rest-xml.js'
import { routeHead, scopedService } from './routing.js'
import type { Exchange, Runtime, WireResponse } from './runtime.js'
import { s3Errors } from './services/s3/errors.js'
import { AwsServiceError } from './services/types.js'
import { parsedAuthOf } from './sigv4/parse.js'

const KiB = 1024
const MiB = 1024 * KiB
const GiB = 1024 * MiB

/** AWS's own limit on one PutObject/UploadPart body (S3 User Guide, "Uploading objects"). */
export const S3_MAX_SINGLE_PUT = 5 * GiB
/** `serve --max-body` default: the largest S3 object or part body serve accepts. */
export const DEFAULT_MAX_BODY = 64 * MiB
/**
 * IAM and STS bodies. Their largest legitimate requests are bounded by document limits (a policy
 * is at most 131,072 characters, about 400 KB form-encoded at worst); a simulation with several
 * documents still fits.
 */
export const QUERY_MAX_BODY = 1 * MiB
/** What an unauthenticated request may send, unless it writes to a bucket open to anonymous callers. */
export const ANONYMOUS_MAX_BODY = 64 * KiB
/** Bytes of bodies not yet authenticated that the server holds at once, across all connections. */
export const UNVERIFIED_BUDGET = 64 * MiB

/** Per-request body caps of one server. */
export interface BodyLimits {
  /** S3 bodies (decoded object data), `serve --max-body`, at most S3_MAX_SINGLE_PUT. */
  s3: number
  /** IAM/STS bodies. */
  query: number
  /** Unauthenticated bodies, except anonymous writes to buckets whose policy may allow them. */
  anonymous: number
}

/** Limits for a given `--max-body` (the Query cap never exceeds it). */
export function bodyLimits(maxBody = DEFAULT_MAX_BODY): BodyLimits {
  return { s3: maxBody, query: Math.min(QUERY_MAX_BODY, maxBody), anonymous: Math.min(ANONYMOUS_MAX_BODY, maxBody) }
}

/** What to do with a request whose headers have arrived and whose body has not. */
export type Admission =
  | { kind: 'answer'; response: WireResponse }
  | {
      kind: 'read'
      /** Read at most this many body bytes. */
      limit: number
      /** The body is not authenticated yet: it counts against the server's shared budget. */
      unverified: boolean
      /** Handle the request with its body. */
      finish(body: Uint8Array): Promise<WireResponse>
      /** The answer when more than `limit` bytes arrive (`received` so far). */
      tooLarge(received: number): WireResponse
      /** The answer when the shared budget is spent. */
      busy(): WireResponse
    }

/** What admission needs from the emulator it belongs to. */
export interface AdmissionHost {
  rt: Runtime
  dispatch(inc: Incoming): Promise<WireResponse>
  /** Log an answer given without the emulator's handlers. */
  log(exchange: Exchange, method: string, status: number): void
}

type Family = { kind: 's3' } | { kind: 'query'; service?: 'iam' | 'sts' }

/**
 * Decide, from the request line and headers only, whether to read a body and how much of it:
 * S3 requests are authenticated first (an S3 signature covers the declared payload hash, so a
 * forged or unknown signer is refused before one body byte is read); a declared length over the
 * cap is refused at once, with the answer AWS gives (S3 `EntityTooLarge`).
 */
export function admit(host: AdmissionHost, parts: IncomingParts, declared: number | undefined, limits: BodyLimits): Admission {
  const inc = incomingFrom(parts, host.rt.clock.now())
  const route = routeHead(inc)
  if (route === 's3') {
    let head
    try {
      head = authenticateHead(host.rt.state, inc, { family: 's3', service: 's3' })
    } catch (err) {
      return answer(host, inc, route, toServiceError(err, 's3'))
    }
    const proposed = proposedSize(inc, declared)
    if (head.kind === 'signed') {
      if (proposed !== undefined && proposed > limits.s3) return answer(host, inc, route, entityTooLarge(proposed, limits.s3))
      return read(host, inc, route, declared, rawLimit(inc, limits.s3), false, entityTooLarge, limits.s3)
    }
    const address = s3Address(inc)
    const bucket = address.bucket !== undefined ? host.rt.state.buckets.get(address.bucket) : undefined
    if (bucket && mayAllowAnonymous(bucket.policy)) {
      if (proposed !== undefined && proposed > limits.s3) return answer(host, inc, route, entityTooLarge(proposed, limits.s3))
      return read(host, inc, route, declared, rawLimit(inc, limits.s3), true, entityTooLarge, limits.s3)
    }
    // No anonymous caller can write here: more than a small body is refused as AWS refuses the write.
    const refusal = () => (address.bucket !== undefined && !bucket ? s3Errors.noSuchBucket(address.bucket) : s3Errors.accessDenied())
    return read(host, inc, route, declared, limits.anonymous, true, refusal, limits.anonymous)
  }
  if (route !== undefined && typeof route !== 'string') {
    // Another AWS service: answered (UnknownService) without its body.
    const refusal = () => new AwsServiceError('UnknownService', 400, `iamflow does not emulate the '${route.unknown}' service: it serves IAM, STS and S3 only.`)
    return read(host, inc, route, declared, limits.anonymous, true, refusal, limits.anonymous)
  }
  if (parsedAuthOf(inc).kind === 'none') return read(host, inc, route, declared, limits.anonymous, true, missingAuthentication, limits.anonymous)
  return read(host, inc, route, declared, limits.query, true, queryTooLarge, limits.query)
}

type Route = ReturnType<typeof routeHead>
/** The error for a body over its cap: `received` bytes (or the declared length), `cap` the limit named. */
type Refusal = (received: number, cap: number) => AwsServiceError

function answer(host: AdmissionHost, inc: Incoming, route: Route, error: AwsServiceError): Admission {
  return { kind: 'answer', response: respond(host, inc, familyOf(route, inc), error) }
}

/** Read at most `limit` bytes (refused at once when the declared length is over it). */
function read(host: AdmissionHost, inc: Incoming, route: Route, declared: number | undefined, limit: number, unverified: boolean, refusal: Refusal, cap: number): Admission {
  if (declared !== undefined && declared > limit) return answer(host, inc, route, refusal(declared, cap))
  return new ReadAdmission(host, inc, route, limit, unverified, refusal, cap)
}

/**
 * A request admitted to have its body read: one object per request, no closures (its family,
 * needed only to answer with an error, is worked out then).
 */
class ReadAdmission {
  readonly kind = 'read' as const
  #family: Family | undefined
  constructor(
    private readonly host: AdmissionHost,
    private readonly inc: Incoming,
    private readonly route: Route,
    readonly limit: number,
    readonly unverified: boolean,
    private readonly refusal: Refusal,
    private readonly cap: number,
  ) {}
  finish(body: Uint8Array): Promise<WireResponse> {
    this.inc.body = body
    return this.host.dispatch(this.inc)
  }
  tooLarge(received: number): WireResponse {
    return respond(this.host, this.inc, this.family(), this.refusal(received, this.cap))
  }
  busy(): WireResponse {
    const family = this.family()
    return respond(this.host, this.inc, family, busyError(family))
  }
  private family(): Family {
    return (this.#family ??= familyOf(this.route, this.inc))
  }
}

function missingAuthentication(): AwsServiceError {
  return new AwsServiceError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token')
}

/** A refusal decided outside the emulator (browser safety), in the protocol of the request's service. */
export function refuse(host: AdmissionHost, parts: IncomingParts, error: AwsServiceError): WireResponse {
  const inc = incomingFrom(parts, host.rt.clock.now())
  return respond(host, inc, familyOf(routeHead(inc), inc), error)
}

function familyOf(route: Route, inc: Incoming): Family {
  if (route === 's3') return { kind: 's3' }
  if (route === 'iam' || route === 'sts') return { kind: 'query', service: route }
  if (route === undefined) {
    const scope = scopedService(inc)
    return scope === 'iam' || scope === 'sts' ? { kind: 'query', service: scope } : { kind: 'query' }
  }
  return { kind: 'query' }
}

/**
 * The size S3 compares with its limit: the decoded length of an aws-chunked upload
 * (`x-amz-decoded-content-length`), else the declared Content-Length.
 */
function proposedSize(inc: Incoming, declared: number | undefined): number | undefined {
  const decoded = inc.headers.get('x-amz-decoded-content-length')
  if (decoded !== null && /^\d{1,16}$/.test(decoded)) return Number(decoded)
  return declared
}

/**
 * Raw bytes to read for `cap` bytes of object data: aws-chunked framing adds a header of about
 * 90 bytes per chunk (chunks are at least 8 KiB, S3 API Reference) and trailing headers.
 */
function rawLimit(inc: Incoming, cap: number): number {
  const chunked = (inc.headers.get('x-amz-content-sha256') ?? '').startsWith('STREAMING-') || /aws-chunked/i.test(inc.headers.get('content-encoding') ?? '')
  return chunked ? cap + Math.ceil(cap / 8192) * 96 + 64 * KiB : cap
}

/**
 * Could the bucket policy let an anonymous caller do anything? An Allow statement whose
 * Principal is `*` (or `{"AWS": "*"}`), or that uses NotPrincipal. Over-approximates: it only
 * decides how much of an anonymous body is read; the request is authorized as usual after.
 */
export function mayAllowAnonymous(policy: string | undefined): boolean {
  if (policy === undefined) return false
  let doc: unknown
  try {
    doc = JSON.parse(policy)
  } catch {
    return false
  }
  const statements = (doc as { Statement?: unknown } | null)?.Statement
  const list = Array.isArray(statements) ? statements : statements !== undefined ? [statements] : []
  const star = (p: unknown): boolean => p === '*' || (Array.isArray(p) && p.includes('*'))
  return list.some((s: unknown) => {
    if (typeof s !== 'object' || s === null) return false
    const st = s as Record<string, unknown>
    if (!Object.hasOwn(st, 'Effect') || st.Effect !== 'Allow') return false
    if (Object.hasOwn(st, 'NotPrincipal')) return true
    const p = Object.hasOwn(st, 'Principal') ? st.Principal : undefined
    if (star(p)) return true
    return typeof p === 'object' && p !== null && !Array.isArray(p) && Object.hasOwn(p, 'AWS') && star((p as Record<string, unknown>).AWS)
  })
}

function entityTooLarge(proposed: number, max: number): AwsServiceError {
  return new AwsServiceError('EntityTooLarge', 400, 'Your proposed upload exceeds the maximum allowed size', {
    ProposedSize: String(proposed),
    MaxSizeAllowed: String(max),
  })
}

/** AWS documents no answer for an oversized IAM/STS request; this one is iamflow's. */
function queryTooLarge(size: number, max: number): AwsServiceError {
  return new AwsServiceError('RequestEntityTooLarge', 413, `Request body of ${size} bytes or more exceeds the limit of ${max} bytes of iamflow serve for IAM and STS requests.`)
}

function busyError(family: Family): AwsServiceError {
  return family.kind === 's3'
    ? new AwsServiceError('SlowDown', 503, 'Please reduce your request rate.')
    : new AwsServiceError('Throttling', 400, 'Rate exceeded')
}

/** The error in the family's envelope, logged like any other answer. */
function respond(host: AdmissionHost, inc: Incoming, family: Family, error: AwsServiceError): WireResponse {
  const exchange: Exchange = { service: family.kind === 's3' ? 's3' : family.service ?? 'unknown', decisions: [], errorCode: error.code }
  host.log(exchange, inc.method, error.status)
  if (family.kind === 's3') {
    const requestId = s3RequestId()
    const hostId = s3HostId()
    const headers = s3Headers(requestId, hostId, inc.now)
    if (inc.method === 'HEAD') return { status: error.status, headers }
    return { status: error.status, headers: { ...headers, 'content-type': 'application/xml' }, body: s3ErrorXml(error, requestId, hostId) }
  }
  const requestId = queryRequestId()
  const info = family.service ? QUERY_SERVICES[family.service] : { ...QUERY_SERVICES.sts, namespace: '' }
  const xml = queryErrorXml(info, error, requestId)
  return { status: error.status, headers: queryHeaders(requestId, Buffer.byteLength(xml), inc.now), body: xml }
}
