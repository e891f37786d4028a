import { authenticate, type AuthOutcome } from '../../auth/authenticate.js'
import { recordUse } from '../../auth/last-used.js'
import { resolveCaller } from '../../auth/resolve.js'
import { decisionHeader } from '../../authz/authorize.js'
import { s3HostId, s3RequestId } from '../../ids.js'
import type { Incoming } from '../../incoming.js'
import { s3Address, s3ErrorXml, s3Headers } from '../../protocols/rest-xml.js'
import { toServiceError } from '../../protocols/query.js'
import type { Exchange, Runtime, WireResponse } from '../../runtime.js'
import { authError } from '../../sigv4/failures.js'
import { DECISION_HEADER } from '../../types.js'
import { createS3Context } from './context.js'
import { actualRequestCors, answerPreflight } from './cors-requests.js'
import { S3HeaderError } from './errors.js'
import { selectS3Operation } from './route.js'
import type { S3Result } from './types.js'
import type { Caller } from '../types.js'

/**
 * The caller of an in-process request (protocols/s3-direct.ts): the key id and session token a
 * signature would have named, and the region it would have been scoped to. Nothing is signed;
 * the key is resolved exactly as a signed request's (unknown, inactive or expired answers alike).
 */
export interface S3DirectCaller {
  credentials?: { accessKeyId: string; sessionToken?: string }
  region: string
}

/**
 * S3 REST-XML entry point: addressing, authentication, dispatch, responses and error XML.
 * `direct`: the request was built in process from the SDK's input (no SigV4 to verify).
 */
export async function handleS3(rt: Runtime, inc: Incoming, exchange: Exchange, direct?: S3DirectCaller): Promise<WireResponse> {
  const requestId = s3RequestId()
  const hostId = s3HostId()
  const common = s3Headers(requestId, hostId, inc.now)
  const decision = (): Record<string, string> => {
    const last = exchange.decisions[exchange.decisions.length - 1]
    return last ? { [DECISION_HEADER]: decisionHeader(last) } : {}
  }
  try {
    const address = s3Address(inc)
    // A CORS preflight is answered from the bucket's CORS configuration, unauthenticated.
    if (inc.method === 'OPTIONS') {
      exchange.action = 'PreflightRequest'
      return { status: 200, headers: { ...common, ...answerPreflight(rt.state, inc, address) } }
    }
    const outcome = direct ? directOutcome(rt, inc, direct) : ofSigned(authenticate(rt.state, inc, { family: 's3', service: 's3' }))
    const caller = outcome.kind === 'signed' ? outcome.caller : undefined
    exchange.principal = caller?.principal.arn ?? 'anonymous'
    if (caller) exchange.accessKeyId = caller.accessKeyId
    const region = outcome.kind === 'signed' ? outcome.region : rt.region
    const op = selectS3Operation(inc.method, address, inc.query)
    exchange.action = op.name === 'PutObject' && inc.headers.has('x-amz-copy-source') ? 'CopyObject' : op.name
    if (outcome.kind === 'signed' && address.bucket !== undefined && !op.anyRegion) {
      const bucket = rt.state.buckets.get(address.bucket)
      if (bucket && bucket.region !== region) throw authError('s3', { kind: 'wrong-region', given: region, expected: bucket.region })
    }
    const fault = rt.faults.pick('s3', exchange.action)
    if (fault) throw fault
    const ctx = createS3Context(
      {
        rt,
        inc,
        ...(caller ? { caller } : {}),
        region,
        body: outcome.body,
        trailers: outcome.kind === 'signed' ? outcome.trailers : {},
        ...(address.bucket !== undefined ? { bucket: address.bucket } : {}),
        ...(address.key !== undefined ? { key: address.key } : {}),
        style: address.style,
        now: inc.now,
      },
      exchange,
    )
    const result = await op.run(ctx)
    return respond(inc, result, { ...common, ...decision(), ...actualRequestCors(rt.state, inc, address) })
  } catch (err) {
    const error = toServiceError(err, 's3')
    exchange.errorCode = error.code
    const headers = { ...common, ...decision(), ...(err instanceof S3HeaderError ? err.headers : {}) }
    if (inc.method === 'HEAD') return { status: error.status, headers }
    const xml = s3ErrorXml(error, requestId, hostId)
    return { status: error.status, headers: { ...headers, 'content-type': 'application/xml' }, body: xml }
  }
}

type Outcome = { kind: 'signed'; caller: Caller; region: string; body: Uint8Array; trailers: Record<string, string> } | { kind: 'anonymous'; body: Uint8Array }

function ofSigned(outcome: AuthOutcome): Outcome {
  return outcome.kind === 'signed' ? { kind: 'signed', caller: outcome.caller, region: outcome.auth.region, body: outcome.body, trailers: outcome.trailers } : outcome
}

/** The caller of an in-process request, resolved as authenticate() resolves a signed one's key. */
function directOutcome(rt: Runtime, inc: Incoming, direct: S3DirectCaller): Outcome {
  if (!direct.credentials) return { kind: 'anonymous', body: inc.body }
  const resolved = resolveCaller(rt.state, direct.credentials.accessKeyId, direct.credentials.sessionToken, inc.now)
  if (!resolved.ok) throw authError('s3', resolved.failure)
  recordUse(rt.state, resolved.caller, 's3', direct.region, inc.now)
  return { kind: 'signed', caller: resolved.caller, region: direct.region, body: inc.body, trailers: {} }
}

function respond(inc: Incoming, result: S3Result, common: Record<string, string>): WireResponse {
  const headers = { ...common, ...result.headers }
  const noBody = inc.method === 'HEAD' || result.status === 204 || result.body === undefined
  if (noBody) {
    if (result.body === undefined && inc.method !== 'HEAD' && result.status !== 204) headers['content-length'] = '0'
    return { status: result.status, headers }
  }
  return { status: result.status, headers, body: result.body! }
}
