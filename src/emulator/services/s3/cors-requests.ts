import type { Incoming } from '../../incoming.js'
import type { BucketEntity, EmulatorState } from '../../state/model.js'
import type { S3Address } from '../../protocols/rest-xml.js'
import { AwsServiceError } from '../types.js'

/**
 * CORS requests answered from a bucket's CORS configuration (S3 User Guide, "Using
 * cross-origin resource sharing (CORS)", "How Amazon S3 evaluates the CORS configuration on a
 * bucket"): the first rule whose AllowedOrigin matches the Origin (one `*` wildcard allowed),
 * whose AllowedMethod has the method, and whose AllowedHeader patterns cover every requested
 * header. An OPTIONS preflight is not authenticated; an actual request with a matching Origin
 * gets the same Access-Control-* headers. Codes, texts and headers as recorded from AWS
 * (LocalStack tests/aws/services/s3/test_s3_cors.snapshot.json, aws.validated).
 *
 * With `iamflow serve`, the server's browser guard (http/browser-guard.ts) runs first: an Origin
 * not allowed with --allow-origin never gets here. README "Browsers" explains the interplay.
 */

type Rule = NonNullable<BucketEntity['cors']>[number]

const VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method'
const NOT_ALLOWED =
  "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
/** At most this many requested headers are considered (a browser sends a handful). */
const MAX_REQUESTED_HEADERS = 100

const forbidden = (message: string, method: string, address: S3Address) =>
  new AwsServiceError('AccessForbidden', 403, message, { Method: method, ResourceType: address.key === undefined ? 'BUCKET' : 'OBJECT' })

/** A CORS pattern with at most one `*` (origins case-sensitive, headers not). */
function matches(pattern: string, value: string, foldCase: boolean): boolean {
  const p = foldCase ? pattern.toLowerCase() : pattern
  const v = foldCase ? value.toLowerCase() : value
  const star = p.indexOf('*')
  if (star < 0) return p === v
  const head = p.slice(0, star)
  const tail = p.slice(star + 1)
  return v.length >= head.length + tail.length && v.startsWith(head) && v.endsWith(tail)
}

function requestedHeaders(inc: Incoming): string[] {
  const raw = inc.headers.get('access-control-request-headers')
  if (raw === null) return []
  return raw.split(',', MAX_REQUESTED_HEADERS).map((h) => h.trim().toLowerCase()).filter((h) => h !== '')
}

function matchingRule(bucket: BucketEntity, origin: string, method: string, headers: string[]): Rule | undefined {
  return (bucket.cors ?? []).find(
    (r) =>
      r.AllowedOrigins.some((o) => matches(o, origin, false)) &&
      r.AllowedMethods.includes(method) &&
      headers.every((h) => r.AllowedHeaders.some((a) => matches(a, h, true))),
  )
}

function ruleHeaders(rule: Rule, origin: string): Record<string, string> {
  const any = rule.AllowedOrigins.includes('*')
  const out: Record<string, string> = {
    'access-control-allow-origin': any ? '*' : origin,
    'access-control-allow-methods': rule.AllowedMethods.join(', '),
    vary: VARY,
  }
  if (!any) out['access-control-allow-credentials'] = 'true'
  if (rule.ExposeHeaders.length > 0) out['access-control-expose-headers'] = rule.ExposeHeaders.join(', ')
  if (rule.MaxAgeSeconds !== undefined) out['access-control-max-age'] = String(rule.MaxAgeSeconds)
  return out
}

/** The answer to an OPTIONS request on a bucket or object (headers of a 200, or AWS's error). */
export function answerPreflight(state: EmulatorState, inc: Incoming, address: S3Address): Record<string, string> {
  const origin = inc.headers.get('origin')
  if (origin === null) throw new AwsServiceError('BadRequest', 400, 'Insufficient information. Origin request header needed.')
  const method = inc.headers.get('access-control-request-method') ?? 'OPTIONS'
  const bucket = address.bucket === undefined ? undefined : state.buckets.get(address.bucket)
  if (!bucket) throw forbidden('CORSResponse: Bucket not found', method, address)
  if (!bucket.cors) throw forbidden('CORSResponse: CORS is not enabled for this bucket.', method, address)
  const headers = requestedHeaders(inc)
  const rule = matchingRule(bucket, origin, method, headers)
  if (!rule) throw forbidden(NOT_ALLOWED, method, address)
  const out = ruleHeaders(rule, origin)
  if (headers.length > 0) out['access-control-allow-headers'] = headers.join(', ')
  out['content-length'] = '0'
  return out
}

/** Access-Control-* headers for an actual request with an Origin a rule allows (none otherwise). */
export function actualRequestCors(state: EmulatorState, inc: Incoming, address: S3Address): Record<string, string> {
  const origin = inc.headers.get('origin')
  if (origin === null || address.bucket === undefined) return {}
  const bucket = state.buckets.get(address.bucket)
  if (!bucket?.cors) return {}
  const rule = matchingRule(bucket, origin, inc.method, [])
  return rule ? ruleHeaders(rule, origin) : {}
}
