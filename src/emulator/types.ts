import type { AccountSnapshot } from './snapshot/format.js'
import type { LoadSummary, SaveSummary } from './state/store.js'
import type { SyncPolicy } from './state/sync-policy.js'

export type { LoadSummary, SaveSummary } from './state/store.js'
export type { SyncPolicy } from './state/sync-policy.js'

/**
 * Public contract of the embedded AWS emulator (IAM + STS + S3).
 *
 * `handle()` takes a fetch-style Request and returns a Response, exactly as the wire would:
 * the SDK's middleware (signing, retries, parsing) runs for real on both sides of it. The HTTP
 * server (`iamflow serve`) and the in-memory SDK request handler are thin adapters over it.
 */

/** Injected time source: tests move it to exercise expiry and skew. */
export interface Clock {
  now(): number
}

/** Seeded fault injection, per service. Rates are 0..1. */
export interface FaultSpec {
  seed?: number
  /** Probability of a throttling error (IAM/STS `Throttling` 400, S3 `SlowDown` 503). */
  throttle?: number
  /** Probability of a 500 (`ServiceFailure` / `InternalError`). */
  internal?: number
  /** Only these services (default all). */
  services?: Array<'iam' | 'sts' | 's3'>
  /** Only these operations (e.g. `CreateRole`); a fault here is non-retryable if `status` < 500 and code not throttling. */
  operations?: string[]
  /** Force a specific error code for matching operations (non-retryable fault injection). */
  code?: string
}

export interface EmulatorOptions {
  /** Default account id (123456789012). */
  accountId?: string
  /** Root credentials of the default account (AWS's documented example key by default). */
  rootAccessKeyId?: string
  rootSecretAccessKey?: string
  /** Extra accounts to create at start (each gets its own root key). */
  extraAccounts?: number
  /** Default region for S3 and STS (us-east-1). */
  region?: string
  /** New keys, roles, trust changes and attachments take effect only after this delay. */
  consistencyDelayMs?: number
  faults?: FaultSpec
  clock?: Clock
  /**
   * Keep state in this file (and `FILE.journal.N`, `FILE.objects/` beside it): loaded at start
   * when it exists, every state-changing request journaled before it is answered, a snapshot
   * on `save()`. A path that cannot be used throws StateFileError.
   */
  statePath?: string
  /** When journal records reach the disk (default `always`; see state/sync-policy.ts). */
  stateSync?: SyncPolicy
  /** Warnings and failures of the state files (default: stderr, prefixed `iamflow emulator:`). */
  onStateMessage?: (message: string) => void
  /** Compact when the journal reaches this many bytes (or the last snapshot's size, if larger). Default 16 MiB. */
  stateCompactAfterBytes?: number
  /** Called once per request after the response is built (serve's request log). No secrets in it. */
  onRequest?: (entry: RequestLogEntry) => void
  /**
   * Account-level IAM quotas, per account (defaults: users 5000, roles 1000, policies 1500 customer
   * managed, groups 300, as on AWS). Creating beyond one answers `LimitExceeded`
   * `Cannot exceed quota for UsersPerAccount: 5000`. Raise them for benchmarks.
   */
  quotas?: Partial<Record<AccountQuotaName, number>>
  /**
   * Seed the default account from an account snapshot (src/emulator/snapshot/): the default
   * account is the snapshot's, with its users, roles, groups, policies and buckets (`file`
   * names it in errors). Conflicts with `accountId` when that names another account.
   */
  seed?: { snapshot: AccountSnapshot; file: string }
}

/** The account-level IAM quotas the emulator enforces. */
export type AccountQuotaName = 'users' | 'roles' | 'policies' | 'groups'

/** A value for every account quota (iam/quotas.ts holds AWS's defaults and the checks). */
export type AccountQuotas = Record<AccountQuotaName, number>

/** One handled request, for logs: ids and ARNs only, never secrets. */
export interface RequestLogEntry {
  method: string
  /** `iam`, `sts`, `s3` or `unknown`. */
  service: string
  /** Operation name (`AssumeRole`, `ListObjectsV2`, ...) when known. */
  action?: string
  /** Caller ARN (`anonymous` for unsigned S3 requests) when authenticated. */
  principal?: string
  accessKeyId?: string
  /** `Allowed`, `ExplicitDeny`, `ImplicitDeny` when authorized. */
  decision?: string
  status: number
  /** AWS error code, if the request failed. */
  errorCode?: string
  ms: number
}

/** Credentials of an account root, handed to the runner/serve for the operator identity. */
export interface AccountCredentials {
  accountId: string
  accessKeyId: string
  secretAccessKey: string
}

/** Transport facts the emulator cannot see in a Request. */
export interface RequestMeta {
  sourceIp?: string
  secure?: boolean
  /**
   * The request path exactly as sent (percent-encoded, dot segments kept). A fetch Request
   * normalises its URL; S3 keys such as `a/../b` and S3 signatures need the raw path.
   */
  rawPath?: string
}

/** Header carrying the authorization decision (JSON) on every response that was authorized. */
export const DECISION_HEADER = 'x-iamflow-decision'

/**
 * The response header by which `iamflow serve` advertises its consistency delay in ms (`0`
 * without `--consistency-delay`), so a runner waits for propagation only as long as it can
 * matter instead of AWS's 60 s.
 */
export const CONSISTENCY_DELAY_HEADER = 'x-iamflow-consistency-delay'

/** Counts of what exists per account, for leak checks (`nothing left after teardown`). */
export interface Inventory {
  accountId: string
  users: string[]
  roles: string[]
  groups: string[]
  policies: string[]
  accessKeys: string[]
  buckets: string[]
  objects: string[]
  /** IAM OIDC identity provider ARNs. */
  oidcProviders: string[]
  /** Virtual MFA device serial numbers. */
  mfaDevices: string[]
}

export interface Emulator {
  handle(request: Request, meta?: RequestMeta): Promise<Response>
  /** Root credentials of the default account. */
  readonly root: AccountCredentials
  /** Create another account (cross-account labs). */
  createAccount(accountId?: string): AccountCredentials
  accounts(): AccountCredentials[]
  inventory(accountId?: string): Inventory
  /**
   * Write a snapshot of the state to `statePath` (undefined without one); rejects with
   * StateSaveError (path and reason) when it cannot.
   */
  save(): Promise<SaveSummary | undefined>
  /** With `statePath`: what was loaded at start. */
  readonly stateInfo?: LoadSummary
  readonly clock: Clock
  /** How long new keys, roles, trust policies and attachments take to take effect (ms; 0 = at once). */
  readonly consistencyDelayMs?: number
}
