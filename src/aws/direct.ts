import type { AwsService } from '../actions/define-action.js'
import { DECISION_HEADER } from './errors.js'

/** The services answered in process. */
export type DirectService = 'iam' | 'sts' | 's3'

/**
 * The embedded emulator's in-process protocol as the client side sees it (the emulator's
 * `directHandler(emulator)`, src/emulator/protocols/direct.ts and s3-direct.ts): IAM, STS and S3
 * calls with the SDK's input and output objects. Declared here by shape: src/aws/ does not
 * import the emulator.
 */
export interface DirectTransport {
  handles(service: DirectService, operation: string, input?: Record<string, unknown>): boolean
  call(
    req: { service: DirectService; operation: string; input: Record<string, unknown>; credentials?: { accessKeyId: string; sessionToken?: string }; region: string },
    meta: { sourceIp?: string; secure?: boolean },
  ): Promise<DirectTransportAnswer>
  callOwn(
    req: { action: string; params: Record<string, string>; credentials?: { accessKeyId: string; sessionToken?: string }; region: string },
    meta: { sourceIp?: string; secure?: boolean },
  ): Promise<{ ok: true; requestId: string; xml: string } | { ok: false; requestId: string; status: number; code: string; message: string; decision?: string }>
}

/** What the emulator answers in process. */
export type DirectTransportAnswer =
  | { ok: true; requestId: string; extendedRequestId?: string; status?: number; output: Record<string, unknown>; decision?: string }
  | {
      ok: false
      requestId: string
      extendedRequestId?: string
      status: number
      code: string
      message: string
      senderFault: boolean
      name: string
      /** S3 (REST-XML): the members the SDK's S3ServiceException carries besides `message`. */
      fields?: Record<string, unknown>
      decision?: string
    }

/** The embedded target's in-process route: the emulator, and how its requests look (source address, TLS). */
export interface DirectRoute {
  transport: DirectTransport
  meta: { sourceIp?: string; secure?: boolean }
}

/** What one direct call needs besides its input. */
export interface DirectCallOptions {
  route: DirectRoute
  credentials: { accessKeyId: string; sessionToken?: string }
  region: string
  maxAttempts: number
  /** The backoff before retry `count` (1-based), as the SDK's retry strategy of the target. */
  retryDelay(count: number): number
  /** Whether the SDK's retry strategy would retry this error (by its name, code and status). */
  retryable(error: DirectServiceError): boolean
  /** Remember the emulator's decision for an output (what the SDK path reads from its header). */
  onDecision(output: object, decision: string): void
}

/** True when the call goes in process rather than through the SDK. */
export function goesDirect(route: DirectRoute | undefined, service: AwsService, operation: string, input: Record<string, unknown>): service is DirectService {
  if (route === undefined) return false
  if (service === 's3') return route.transport.handles(service, operation, input ?? {})
  return (service === 'iam' || service === 'sts') && route.transport.handles(service, operation)
}

/** Members a REST-XML error's body may not set on the exception (ours, or a prototype's). */
const RESERVED = new Set(['$fault', '$retryable', '$metadata', '$response', 'name', 'message', 'stack', '__proto__', 'constructor', 'prototype'])

/**
 * An AWS error answered in process, shaped as the SDK's ServiceException for the same answer:
 * `name` (the modelled exception's, else the code), `message`, `$fault`, `$metadata`, the Query
 * error's `Type`, `Code` and `Error` (IAM, STS) or the S3 error body's members (`Code`,
 * `BucketName`, `Key`, `RequestId`, `HostId`, ...), and `$response` (not enumerable, as the
 * SDK's) with the headers src/aws/errors.ts reads (request id, the emulator's decision).
 */
export class DirectServiceError extends Error {
  $fault: 'client' | 'server'
  $retryable: undefined
  $metadata: Metadata
  declare Type?: 'Sender' | 'Receiver'
  declare Code?: string
  declare Error?: { Type: 'Sender' | 'Receiver'; Code: string; Message: string }
  declare $response: { statusCode: number; headers: Record<string, string> }

  constructor(answer: Extract<DirectTransportAnswer, { ok: false }>, metadata: Metadata) {
    // The SDK reads a missing Query Message as 'Unknown' (ReportNotPresent comes without one).
    const message = answer.fields === undefined && answer.message === '' ? 'Unknown' : answer.message
    super(message)
    this.$fault = answer.senderFault ? 'client' : 'server'
    this.$retryable = undefined
    this.$metadata = metadata
    this.name = answer.name
    const headers: Record<string, string> = {}
    if (answer.fields !== undefined) {
      for (const [k, v] of Object.entries(answer.fields)) if (!RESERVED.has(k)) (this as unknown as Record<string, unknown>)[k] = v
      headers['x-amz-request-id'] = answer.requestId
    } else {
      const type = answer.senderFault ? 'Sender' : 'Receiver'
      this.Type = type
      this.Code = answer.code
      this.Error = { Type: type, Code: answer.code, Message: message }
      headers['x-amzn-requestid'] = answer.requestId
    }
    if (answer.decision !== undefined) headers[DECISION_HEADER] = answer.decision
    Object.defineProperty(this, '$response', { value: { statusCode: answer.status, headers }, enumerable: false })
  }
}

/** The SDK's `$metadata` of a response. */
interface Metadata {
  httpStatusCode: number
  requestId: string
  extendedRequestId: string | undefined
  cfId: undefined
  attempts: number
  totalRetryDelay: number
}

function abortError(): Error {
  const err = new Error('Request aborted')
  err.name = 'AbortError'
  return err
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Make one IAM, STS or S3 call in process, with the SDK's retries (throttling, transient and 5xx
 * answers, up to `maxAttempts`) and Ctrl-C (an aborted `signal` rejects with an AbortError,
 * before an attempt or during a backoff). Resolves to the SDK's output (`$metadata` last, as
 * the SDK puts it); rejects with a DirectServiceError.
 */
export async function directCall(
  opts: DirectCallOptions,
  service: DirectService,
  operation: string,
  input: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<Record<string, unknown>> {
  let totalRetryDelay = 0
  for (let attempts = 1; ; attempts++) {
    if (signal?.aborted) throw abortError()
    const answer = await opts.route.transport.call({ service, operation, input: input ?? {}, credentials: opts.credentials, region: opts.region }, opts.route.meta)
    const metadata: Metadata = { httpStatusCode: answer.ok ? (answer.status ?? 200) : answer.status, requestId: answer.requestId, extendedRequestId: answer.extendedRequestId, cfId: undefined, attempts, totalRetryDelay }
    if (answer.ok) {
      const output = { ...answer.output, $metadata: metadata }
      if (answer.decision !== undefined) opts.onDecision(output, answer.decision)
      return output
    }
    const error = new DirectServiceError(answer, metadata)
    if (attempts >= opts.maxAttempts || !opts.retryable(error)) throw error
    const delay = opts.retryDelay(attempts)
    await sleep(delay, signal)
    totalRetryDelay += delay
  }
}
