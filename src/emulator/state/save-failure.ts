import { queryRequestId, s3HostId, s3RequestId } from '../ids.js'
import { queryErrorXml, queryHeaders, QUERY_SERVICES } from '../protocols/query-serialize.js'
import { s3ErrorXml, s3Headers } from '../protocols/rest-xml.js'
import type { Exchange, WireResponse } from '../runtime.js'
import { AwsServiceError } from '../services/types.js'

/**
 * The answer to a state-changing request whose change could not be saved: the service's own
 * 500 (`ServiceFailure` for IAM/STS, `InternalError` for S3; SDKs retry both), saying why. The
 * change may exist in memory: like any AWS 500, it may or may not have taken effect.
 */
export function saveFailureResponse(service: string, method: string, now: number, exchange: Exchange, why: string): WireResponse {
  const message = saveFailureMessage(why)
  if (service === 's3') {
    const error = new AwsServiceError('InternalError', 500, message, {}, false)
    exchange.errorCode = error.code
    const requestId = s3RequestId()
    const hostId = s3HostId()
    const headers = s3Headers(requestId, hostId, now)
    if (method === 'HEAD') return { status: 500, headers }
    return { status: 500, headers: { ...headers, 'content-type': 'application/xml' }, body: s3ErrorXml(error, requestId, hostId) }
  }
  const error = saveFailureError(why)
  exchange.errorCode = error.code
  const requestId = queryRequestId()
  const xml = queryErrorXml(QUERY_SERVICES[service === 'sts' ? 'sts' : 'iam'], error, requestId)
  return { status: 500, headers: queryHeaders(requestId, Buffer.byteLength(xml), now), body: xml }
}

function saveFailureMessage(why: string): string {
  return `The change was made in memory but could not be saved: ${why}. It is lost if the emulator stops before the state can be saved again.`
}

/** The IAM/STS error of a change that could not be saved (see saveFailureResponse). */
export function saveFailureError(why: string): AwsServiceError {
  return new AwsServiceError('ServiceFailure', 500, saveFailureMessage(why), {}, false)
}
