import type { ContextValue, Decision, RequestPrincipal } from '../../policy/types.js'
import type { AccessKeyEntity, AccountState, EmulatorState, SessionEntity } from '../state/model.js'
import type { AccountQuotas } from '../types.js'

/**
 * An error the service returns on the wire. Protocol layers turn it into AWS's envelope
 * (Query `ErrorResponse` or S3 `<Error>`): handlers never build XML.
 */
export class AwsServiceError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra child elements of S3's <Error> (BucketName, Key, ...). */
    readonly extra: Record<string, string> = {},
    /** Query `Type`: Sender (4xx) or Receiver (5xx). */
    readonly senderFault: boolean = status < 500,
  ) {
    super(message)
    this.name = 'AwsServiceError'
  }
}

/** The authenticated caller of one request. */
export interface Caller {
  principal: RequestPrincipal
  /** The account the caller belongs to. */
  account: AccountState
  /** The access key id that signed the request. */
  accessKeyId: string
  kind: 'root' | 'user' | 'session'
  /** Long-term key (root or user). */
  key?: AccessKeyEntity
  /** Temporary credentials. */
  session?: SessionEntity
}

/** Options for one authorization check. */
export interface AuthorizeOptions {
  /** Account owning the resource (default: the caller's). */
  resourceAccount?: string
  /** Extra condition keys (sts:ExternalId, s3:prefix, aws:RequestTag/..., ...). */
  context?: Record<string, ContextValue | undefined>
  /** Bucket policy text for S3 resources. */
  resourcePolicy?: string
  /** Role trust policy text (sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity on a role). */
  trustPolicy?: string
  /** The resource as AWS words it in this action's AccessDenied message, when not the ARN (`role R`). */
  denialResource?: string
  /** An account-level grant standing for a missing identity Allow (authz/authorize.ts). */
  accountGrant?: string
}

/** What an operation handler receives. */
export interface OpContext {
  state: EmulatorState
  caller: Caller
  /** Current time (epoch ms) from the emulator's clock. */
  now: number
  region: string
  requestId: string
  /** Consistency delay in ms (0 = immediate). */
  consistencyDelayMs: number
  /** Account-level IAM quotas (AWS's defaults when absent). */
  quotas?: AccountQuotas
  /**
   * Authorize `action` on `resource` for the caller with the full policy context, or throw
   * AwsServiceError('AccessDenied', 403, <AWS message>). Records the decision for the
   * `x-iamflow-decision` response header.
   */
  authorize(action: string, resource: string, opts?: AuthorizeOptions): Decision
}

/** One operation: typed input (already parsed by the protocol layer) -> output object. */
export type Operation<I = any, O = unknown> = (ctx: OpContext, input: I) => O | Promise<O>
