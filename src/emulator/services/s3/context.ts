import type { ContextValue, Decision, RequestPrincipal } from '../../../policy/types.js'
import { authorizeRequest, callerPolicies, requestContext } from '../../authz/authorize.js'
import type { PrincipalPolicies } from '../../authz/collect.js'
import type { Incoming } from '../../incoming.js'
import type { Exchange, Runtime } from '../../runtime.js'
import type { BucketEntity } from '../../state/model.js'
import { AwsServiceError, type Caller } from '../types.js'
import { aclStatements, withStatements } from './acl-grants.js'
import { effectiveBucketPolicy } from './public-policy.js'

/** The anonymous principal of unsigned S3 requests. */
const ANONYMOUS: RequestPrincipal = { type: 'Anonymous', arn: 'anonymous', accountId: '', userId: 'anonymous' }

/** What an S3 operation receives. */
export interface S3Context {
  rt: Runtime
  inc: Incoming
  /** Undefined for anonymous (unsigned) requests. */
  caller?: Caller
  /** Region of the request (credential scope; the default region when anonymous). */
  region: string
  /** Decoded request body (aws-chunked framing removed). */
  body: Uint8Array
  /** Trailing headers of an aws-chunked body (e.g. `x-amz-checksum-crc32`). */
  trailers: Record<string, string>
  bucket?: string
  key?: string
  style: 'path' | 'virtual'
  now: number
  /**
   * Authorize `action` on `resource` (bucket policy of `bucket` applies); throws S3's
   * AccessDenied. `silent` decides without recording or throwing.
   */
  authorize(action: string, resource: string, opts?: S3AuthorizeOptions): Decision
  /** Like authorize, but returns whether it is allowed (nothing recorded, nothing thrown). */
  can(action: string, resource: string, opts?: S3AuthorizeOptions): boolean
}

export interface S3AuthorizeOptions {
  bucket?: BucketEntity
  context?: Record<string, ContextValue | undefined>
}

/** Build the S3Context of one request. */
export function createS3Context(
  fields: Omit<S3Context, 'authorize' | 'can'>,
  exchange: Exchange,
): S3Context {
  const { rt, inc, caller } = fields
  const principal = caller?.principal ?? ANONYMOUS
  const base = requestContext(inc, fields.region, caller)
  let policies: PrincipalPolicies | undefined
  const run = (action: string, resource: string, opts: S3AuthorizeOptions, record: (d: Decision) => void): Decision => {
    policies ??= caller ? callerPolicies(rt.state, caller, inc.now) : { identity: [] }
    const resourceAccount = opts.bucket?.accountId ?? caller?.account.id
    // RestrictPublicBuckets: a public policy grants nothing to anonymous or cross-account callers.
    // ACL grants (while ACLs are enabled) count as statements of the bucket owner's (acl-grants.ts).
    const resourcePolicy = opts.bucket ? withStatements(effectiveBucketPolicy(opts.bucket, caller?.account.id), aclStatements(rt.state, opts.bucket, resource)) : undefined
    return authorizeRequest(
      principal,
      policies,
      {
        action,
        resource,
        ...(resourceAccount ? { resourceAccount } : {}),
        ...(opts.context ? { context: opts.context } : {}),
        ...(resourcePolicy !== undefined ? { resourcePolicy } : {}),
      },
      base,
      { style: 's3' },
      record,
    )
  }
  return {
    ...fields,
    authorize: (action, resource, opts = {}) => run(action, resource, opts, (d) => exchange.decisions.push(d)),
    can(action, resource, opts = {}) {
      try {
        run(action, resource, opts, () => {})
        return true
      } catch (err) {
        if (err instanceof AwsServiceError && err.code === 'AccessDenied') return false
        throw err
      }
    },
  }
}
