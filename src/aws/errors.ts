import type { DecisionKind, DecidedBy } from '../policy/types.js'
import { ownGet } from '../safe-object.js'

/**
 * The emulator's authorization decision as carried by the `x-iamflow-decision` response header
 * (the subset the runner needs; `matched` is optional on the wire).
 */
export interface DecisionTrace {
  decision: DecisionKind
  by: DecidedBy
  /** Statements that matched: policy id (`user/u/inline/P`, a managed policy ARN), Sid, index. */
  matched?: Array<{ policy: string; sid?: string; index: number }>
  summary?: string
  /** Statements that applied to the request but for a condition: which condition and why (no values). */
  conditions?: Array<{ policy: string; sid?: string; index: number; effect?: string; operator: string; key: string; why: string }>
}

/** An AWS error answer, as data: what a scenario's `expect: { error: ... }` is checked against. */
export interface ErrorOutcome {
  kind: 'error'
  /** The AWS error code as on the wire (`NoSuchEntity`, `AccessDenied`), not the SDK class name. */
  code: string
  message: string
  /** HTTP status (undefined when the service answered nothing usable). */
  status?: number
  requestId?: string
  /** Emulator / `iamflow serve` only: the decision that produced a denial. */
  decision?: DecisionTrace
  /** True for 5xx / throttling answers: the call may or may not have taken effect. */
  ambiguous: boolean
}

/** A failure that is not an AWS answer: network, credentials chain, abort, a bug. */
export interface InfraOutcome {
  kind: 'infra'
  /** `ECONNREFUSED`, `CredentialsProviderError`, `AbortError`, ... */
  code: string
  message: string
  /** The operation was aborted by the run's signal (Ctrl-C). */
  aborted: boolean
}

/** The name of the response header holding the emulator's decision (mirrors emulator/types.ts). */
export const DECISION_HEADER = 'x-iamflow-decision'

/** Parse the JSON of the decision header; undefined when absent or malformed. */
export function parseDecisionHeader(value: unknown): DecisionTrace | undefined {
  if (typeof value !== 'string' || value === '') return undefined
  try {
    const parsed: unknown = JSON.parse(value)
    if (typeof parsed !== 'object' || parsed === null) return undefined
    // The header comes from the server: read its own members only.
    const field = (k: string) => ownGet(parsed as Record<string, unknown>, k)
    const decision = field('decision')
    if (typeof decision !== 'string') return undefined
    const by = field('by')
    const matched = field('matched')
    const summary = field('summary')
    const conditions = field('conditions')
    return {
      decision: decision as DecisionTrace['decision'],
      by: typeof by === 'string' ? (by as DecisionTrace['by']) : 'none',
      matched: Array.isArray(matched) ? (matched as DecisionTrace['matched']) : undefined,
      summary: typeof summary === 'string' ? summary : undefined,
      ...(Array.isArray(conditions) ? { conditions: conditions.slice(0, 10) as NonNullable<DecisionTrace['conditions']> } : {}),
    }
  } catch {
    return undefined
  }
}

/** Read a header case-insensitively from a smithy HttpResponse-like object. */
export function headerOf(response: unknown, name: string): string | undefined {
  const headers = (response as { headers?: Record<string, string> } | undefined)?.headers
  if (!headers) return undefined
  const lower = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value
  return undefined
}

interface SdkErrorShape {
  name?: string
  message?: string
  Code?: string
  $fault?: 'client' | 'server'
  $metadata?: { httpStatusCode?: number; requestId?: string }
  $response?: { statusCode?: number; headers?: Record<string, string> }
  code?: string
}

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'SlowDown', 'RequestLimitExceeded', 'TooManyRequestsException'])

/** Node/undici network error codes: the request may never have reached the service. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'])

/**
 * Turn anything a `client.send()` threw into an outcome. AWS answers (a service exception with
 * an HTTP status) become `ErrorOutcome` with the wire code; everything else is `InfraOutcome`.
 */
export function toOutcome(err: unknown): ErrorOutcome | InfraOutcome {
  const e = (err ?? {}) as SdkErrorShape
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode
  const name = typeof e.name === 'string' ? e.name : 'Error'
  const message = typeof e.message === 'string' ? e.message : String(err)
  if (name === 'AbortError' || (err instanceof DOMException && err.name === 'AbortError')) {
    return { kind: 'infra', code: 'AbortError', message: 'the call was interrupted', aborted: true }
  }
  const errno = typeof e.code === 'string' ? e.code : undefined
  if (status === undefined || (errno !== undefined && NETWORK_CODES.has(errno))) {
    return { kind: 'infra', code: errno ?? name, message, aborted: false }
  }
  const code = typeof e.Code === 'string' && e.Code !== '' ? e.Code : stripException(name, status)
  const decision = parseDecisionHeader(headerOf(e.$response, DECISION_HEADER))
  return {
    kind: 'error',
    code,
    message: message === 'UnknownError' ? defaultMessage(code, status) : message,
    status,
    requestId: e.$metadata?.requestId,
    ...(decision ? { decision } : {}),
    ambiguous: status >= 500 || THROTTLING.has(code),
  }
}

/**
 * The SDK names modeled errors by their shape (`NoSuchEntityException`) while the wire code is
 * `NoSuchEntity`; `Code` carries the wire code when the body had one. Body-less answers (S3 HEAD)
 * only have the status.
 */
function stripException(name: string, status: number): string {
  if (name === 'NotFound' || name === 'UnknownError' || name === 'Error') return status === 404 ? 'NotFound' : name === 'Error' ? `Http${status}` : name
  return name
}

function defaultMessage(code: string, status: number): string {
  return `${code} (HTTP ${status}, no message in the response)`
}

/** True for the answers that mean "that resource is already gone" during teardown. */
export function isGone(outcome: ErrorOutcome): boolean {
  return GONE.has(outcome.code)
}

const GONE = new Set(['NoSuchEntity', 'NoSuchEntityException', 'NoSuchBucket', 'NoSuchBucketPolicy', 'NotFound', 'NoSuchKey'])

/**
 * The principal ARN an AWS denial message names (`User: <arn> is not authorized ...`), if any.
 */
export function principalFromMessage(message: string): string | undefined {
  const m = /^User: (arn:[^\s]+) is not authorized/.exec(message)
  return m?.[1]
}
