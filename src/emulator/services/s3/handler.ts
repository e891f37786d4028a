import { authenticate } from '../../auth/authenticate.js'
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

/** S3 REST-XML entry point: addressing, authentication, dispatch, responses and error XML. */
export async function handleS3(rt: Runtime, inc: Incoming, exchange: Exchange): Promise<WireResponse> {
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
    const outcome = authenticate(rt.state, inc, { family: 's3', service: 's3' })
    const caller = outcome.kind === 'signed' ? outcome.caller : undefined
    exchange.principal = caller?.principal.arn ?? 'anonymous'
    if (caller) exchange.accessKeyId = caller.accessKeyId
    const region = outcome.kind === 'signed' ? outcome.auth.region : rt.region
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

function respond(inc: Incoming, result: S3Result, common: Record<string, string>): WireResponse {
  const headers = { ...common, ...result.headers }
  const noBody = inc.method === 'HEAD' || result.status === 204 || result.body === undefined
  if (noBody) {
    if (result.body === undefined && inc.method !== 'HEAD' && result.status !== 204) headers['content-length'] = '0'
    return { status: result.status, headers }
  }
  return { status: result.status, headers, body: result.body! }
}
