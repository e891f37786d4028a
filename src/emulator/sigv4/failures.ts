import { AwsServiceError } from '../services/types.js'

/** Which error vocabulary a service speaks for authentication failures (spec 2.4). */
export type ServiceFamily = 'query' | 's3'

/** Why a request failed authentication, independent of how the service words it. */
export type AuthFailure =
  | { kind: 'missing' }
  | { kind: 'incomplete'; message: string }
  | { kind: 'presign-incomplete' }
  | { kind: 'malformed-credential'; credential: string }
  | { kind: 'unknown-key'; accessKeyId: string }
  /** AWS echoes the token in S3's `<Token-0>`; we never do (tokens are secrets). */
  | { kind: 'invalid-token' }
  | { kind: 'expired-token' }
  | { kind: 'skew-past'; requestDate: string; serverDate: string; limitDate: string; requestMs: number; nowMs: number }
  | { kind: 'skew-future'; requestDate: string; serverDate: string; limitDate: string; requestMs: number; nowMs: number }
  | { kind: 'presign-expired'; expires: number; expiresAt: number; nowMs: number }
  | { kind: 'presign-too-long' }
  | { kind: 'scope-date'; scopeDate: string; requestDate: string }
  | { kind: 'wrong-region'; given: string; expected: string }
  | { kind: 'wrong-service'; given: string; expected: string }
  | { kind: 'signature'; accessKeyId: string; stringToSign: string; canonicalRequest: string; provided: string }
  | { kind: 'content-sha-mismatch'; claimed: string; computed: string }
  | { kind: 'missing-content-sha' }
  /** Headers present but not signed: `host` always; for S3 also every `x-amz-*` header. */
  | { kind: 'headers-not-signed'; names: string[] }
  /** `x-amz-content-sha256` that is neither a hex SHA-256 nor a documented keyword (S3). */
  | { kind: 'bad-content-sha'; value: string }
  /** A documented payload mode the emulator does not verify (SigV4a ECDSA streaming). */
  | { kind: 'unsupported-content-sha'; value: string }
  /**
   * Signature Version 2 (`Authorization: AWS AKID:sig`, or `AWSAccessKeyId`/`Signature`/`Expires`
   * in the query, which older boto3 presigns by default): iamflow answers as an S3 Region that
   * accepts only SigV4 does, never as an anonymous request.
   */
  | { kind: 'sigv2' }

const SIGNATURE_MESSAGE_QUERY =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
const SIGNATURE_MESSAGE_S3 =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.'

/** S3's InvalidArgument text for an `x-amz-content-sha256` it does not accept (observed on AWS). */
export const CONTENT_SHA_MESSAGE =
  'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.'

const PRESIGN_INCOMPLETE =
  'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.'

/** S3 prints times in its error elements as ISO-8601 with `Z`. */
function s3Time(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function hexBytes(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ')
}

/** AWS's code, status and message for an authentication failure, per service family (spec 2.4). */
export function authError(family: ServiceFamily, f: AuthFailure): AwsServiceError {
  return family === 's3' ? s3AuthError(f) : queryAuthError(f)
}

function queryAuthError(f: AuthFailure): AwsServiceError {
  switch (f.kind) {
    case 'missing':
      return new AwsServiceError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token')
    case 'incomplete':
      return new AwsServiceError('IncompleteSignature', 400, f.message)
    case 'presign-incomplete':
      return new AwsServiceError('IncompleteSignature', 400, PRESIGN_INCOMPLETE)
    case 'malformed-credential':
      return new AwsServiceError(
        'IncompleteSignature',
        400,
        `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${f.credential}'`,
      )
    case 'unknown-key':
    case 'invalid-token':
      return new AwsServiceError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.')
    case 'expired-token':
      return new AwsServiceError('ExpiredToken', 403, 'The security token included in the request is expired')
    case 'skew-past':
      return new AwsServiceError(
        'SignatureDoesNotMatch',
        403,
        `Signature expired: ${f.requestDate} is now earlier than ${f.limitDate} (${f.serverDate} - 15 min.)`,
      )
    case 'skew-future':
      return new AwsServiceError(
        'SignatureDoesNotMatch',
        403,
        `Signature not yet current: ${f.requestDate} is still later than ${f.limitDate} (${f.serverDate} + 15 min.)`,
      )
    case 'presign-expired':
      return new AwsServiceError('RequestExpired', 400, 'Request has expired.')
    case 'presign-too-long':
      return new AwsServiceError(
        'AuthorizationQueryParametersError',
        400,
        'X-Amz-Expires must be less than a week (in seconds) that is 604800',
      )
    case 'scope-date':
      return new AwsServiceError(
        'SignatureDoesNotMatch',
        403,
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${f.scopeDate}' != '${f.requestDate.slice(0, 8)}', from '${f.requestDate}'.`,
      )
    case 'wrong-region':
      return new AwsServiceError('SignatureDoesNotMatch', 403, `Credential should be scoped to a valid region, not '${f.given}'. `)
    case 'wrong-service':
      return new AwsServiceError('SignatureDoesNotMatch', 403, `Credential should be scoped to correct service: '${f.expected}'. `)
    case 'signature':
    case 'content-sha-mismatch':
    case 'missing-content-sha':
      return new AwsServiceError('SignatureDoesNotMatch', 403, SIGNATURE_MESSAGE_QUERY)
    case 'headers-not-signed':
      // Query services only insist on `host` (an unsigned x-amz-security-token is valid there:
      // AWS's SigV4 test suite, post-sts-header-after).
      return new AwsServiceError('SignatureDoesNotMatch', 403, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
    case 'bad-content-sha':
    case 'unsupported-content-sha':
      return new AwsServiceError('SignatureDoesNotMatch', 403, SIGNATURE_MESSAGE_QUERY)
    case 'sigv2':
      return new AwsServiceError('IncompleteSignature', 400, "Unsupported AWS 'algorithm': 'AWS'")
    default: {
      const unreachable: never = f
      throw new Error(`internal error: unhandled auth failure ${JSON.stringify(unreachable)}`)
    }
  }
}

function s3AuthError(f: AuthFailure): AwsServiceError {
  switch (f.kind) {
    case 'missing':
      return new AwsServiceError('AccessDenied', 403, 'Access Denied')
    case 'incomplete':
      return new AwsServiceError('AuthorizationHeaderMalformed', 400, `The authorization header is malformed; ${f.message}`)
    case 'presign-incomplete':
      return new AwsServiceError('AuthorizationQueryParametersError', 400, PRESIGN_INCOMPLETE)
    case 'malformed-credential':
      return new AwsServiceError(
        'AuthorizationHeaderMalformed',
        400,
        'The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
      )
    case 'unknown-key':
      return new AwsServiceError('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.', {
        AWSAccessKeyId: f.accessKeyId,
      })
    case 'invalid-token':
      return new AwsServiceError('InvalidToken', 400, 'The provided token is malformed or otherwise invalid.')
    case 'expired-token':
      return new AwsServiceError('ExpiredToken', 400, 'The provided token has expired.')
    case 'skew-past':
    case 'skew-future':
      return new AwsServiceError('RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.', {
        RequestTime: f.requestDate,
        ServerTime: s3Time(f.nowMs),
        MaxAllowedSkewMilliseconds: '900000',
      })
    case 'presign-expired':
      return new AwsServiceError('AccessDenied', 403, 'Request has expired', {
        'X-Amz-Expires': String(f.expires),
        Expires: s3Time(f.expiresAt),
        ServerTime: s3Time(f.nowMs),
      })
    case 'presign-too-long':
      return new AwsServiceError(
        'AuthorizationQueryParametersError',
        400,
        'X-Amz-Expires must be less than a week (in seconds) that is 604800',
      )
    case 'scope-date':
      return new AwsServiceError(
        'AuthorizationHeaderMalformed',
        400,
        `The authorization header is malformed; Invalid credential date "${f.scopeDate}". This date is not the same as X-Amz-Date: "${f.requestDate.slice(0, 8)}".`,
      )
    case 'wrong-region':
      return new AwsServiceError(
        'AuthorizationHeaderMalformed',
        400,
        `The authorization header is malformed; the region '${f.given}' is wrong; expecting '${f.expected}'`,
        { Region: f.expected },
      )
    case 'wrong-service':
      return new AwsServiceError(
        'AuthorizationHeaderMalformed',
        400,
        `The authorization header is malformed; incorrect service "${f.given}". This endpoint belongs to "${f.expected}".`,
      )
    case 'signature':
      return new AwsServiceError('SignatureDoesNotMatch', 403, SIGNATURE_MESSAGE_S3, {
        AWSAccessKeyId: f.accessKeyId,
        StringToSign: f.stringToSign,
        SignatureProvided: f.provided,
        StringToSignBytes: hexBytes(f.stringToSign),
        CanonicalRequest: f.canonicalRequest,
        CanonicalRequestBytes: hexBytes(f.canonicalRequest),
      })
    case 'content-sha-mismatch':
      return new AwsServiceError(
        'XAmzContentSHA256Mismatch',
        400,
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        { ClientComputedContentSHA256: f.claimed, S3ComputedContentSHA256: f.computed },
      )
    case 'missing-content-sha':
      return new AwsServiceError('InvalidRequest', 400, 'Missing required header for this request: x-amz-content-sha256')
    case 'headers-not-signed':
      return new AwsServiceError('AccessDenied', 403, 'There were headers present in the request which were not signed', {
        HeadersNotSigned: f.names.join(', '),
      })
    case 'bad-content-sha':
      return new AwsServiceError('InvalidArgument', 400, CONTENT_SHA_MESSAGE, { ArgumentName: 'x-amz-content-sha256', ArgumentValue: f.value })
    case 'unsupported-content-sha':
      return new AwsServiceError('NotImplemented', 501, 'A header you provided implies functionality that is not implemented', {
        Header: 'x-amz-content-sha256',
      })
    case 'sigv2':
      // S3 in a Region launched after 2014 (and everywhere once SigV2 is retired), e.g.
      // aws/aws-cli#1006, boto/boto3#1644: "Please use AWS4-HMAC-SHA256."
      return new AwsServiceError('InvalidRequest', 400, 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.')
    default: {
      const unreachable: never = f
      throw new Error(`internal error: unhandled auth failure ${JSON.stringify(unreachable)}`)
    }
  }
}
