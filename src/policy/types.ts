/**
 * Public types of the pure IAM policy engine (`src/policy`).
 *
 * This file is the contract between the engine and its callers (the emulator, the runner's
 * `because:` checks, the plan). The engine imports nothing of iamflow but these types and
 * performs no I/O.
 */

/** Which slot a policy fills in an evaluation; decides validation rules and denial wording. */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'session'

/** A raw policy document as JSON (already parsed) — the engine validates its shape. */
export type PolicyDocument = Record<string, unknown>

/** A validation failure, phrased as AWS phrases it (`MalformedPolicyDocument` etc.). */
export interface PolicyValidationError {
  /** AWS error code, e.g. `MalformedPolicyDocument` (IAM/STS) or `MalformedPolicy` (S3 bucket policy). */
  code: string
  /** AWS's message text, e.g. `Policy document should not specify a principal.` */
  message: string
}

/** A policy compiled once (matchers built ahead); reuse it for every evaluation. */
export interface CompiledPolicy {
  readonly kind: PolicyKind
  readonly version: '2012-10-17' | '2008-10-17'
  /** Number of statements, for explanations. */
  readonly statementCount: number
  /** The source document (as given). */
  readonly document: PolicyDocument
}

/**
 * A policy as it takes part in one evaluation: the compiled form plus where it came from,
 * so that explanations and simulation results can name it.
 */
export interface PolicySource {
  /** Stable id: a managed policy ARN, or e.g. `user/jill/inline/AllowList`, `role/R/trust`. */
  id: string
  /** Friendly name (policy name, inline policy name, `trust policy`, `bucket policy`). */
  name: string
  /** Where it is attached, for simulation's SourcePolicyType. */
  origin: 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'session' | 'boundary'
  policy: CompiledPolicy
}

/** Who is making the request. */
export type PrincipalType = 'Account' | 'User' | 'AssumedRole' | 'FederatedUser' | 'Anonymous' | 'Service'

export interface RequestPrincipal {
  type: PrincipalType
  /** The caller's ARN as shown in messages: user ARN, `arn:aws:iam::ACCT:root`, or session ARN. */
  arn: string
  accountId: string
  /** aws:userid — `AIDA...`, `AROA...:session`, the account id for root. */
  userId: string
  /** aws:username — IAM users only. */
  username?: string
  /** For sessions: the role's ARN (`arn:aws:iam::ACCT:role/path/Name`) = aws:PrincipalArn. */
  roleArn?: string
  /** For sessions: the session name. */
  sessionName?: string
  /** For a GetSessionToken session of a user: the user's ARN is `arn`; this is true. */
  isTemporary?: boolean
  /** aws:PrincipalTag/* (role tags overridden by session tags). */
  tags?: Record<string, string>
  /** For `Service` principals: e.g. `ec2.amazonaws.com`. */
  service?: string
  /**
   * For web-identity / SAML federation (AssumeRoleWithWebIdentity/SAML): the identity provider
   * ARN or name a trust policy's `Federated` principal is compared with.
   */
  identityProvider?: string
  /** S3 canonical user id of the caller, matched by a `CanonicalUser` principal. */
  canonicalUserId?: string
}

/** A condition context value: strings, numbers, booleans, or lists of them. */
export type ContextValue = string | number | boolean | Array<string | number | boolean>

/** One request to authorize. */
export interface AuthorizationRequest {
  principal: RequestPrincipal
  /** `service:Action`, e.g. `s3:ListBucket`. */
  action: string
  /** Resource ARN, or `*` for actions without a resource (s3:ListAllMyBuckets). */
  resource: string
  /** Account that owns the resource; omitted = the principal's account. `aws` for AWS-owned. */
  resourceAccount?: string
  /** Condition keys (case-insensitive names), e.g. `aws:SourceIp`, `sts:ExternalId`, `s3:prefix`. */
  context?: Record<string, ContextValue | undefined>
}

/** Everything that applies to one request. */
export interface EvaluationInput {
  request: AuthorizationRequest
  /** Identity-based policies of the principal (user + groups, or the role for a session). */
  identityPolicies: PolicySource[]
  /** Resource-based policy of the target (bucket policy), if any. */
  resourcePolicy?: PolicySource
  /** The role's trust policy when the action is sts:AssumeRole (and TagSession, SetSourceIdentity). */
  trustPolicy?: PolicySource
  /** The principal's permissions boundary, if one is set. */
  boundary?: PolicySource
  /** Session policies passed at AssumeRole (inline + managed ARNs). Undefined = none were passed. */
  sessionPolicies?: PolicySource[]
}

export type DecisionKind = 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny'

/** Which policy type decided; matches the scenario format's `because:` vocabulary. */
export type DecidedBy = 'identity' | 'resource' | 'trust' | 'boundary' | 'session' | 'root' | 'none'

/** A statement that matched the request (or was considered). */
export interface StatementRef {
  policyId: string
  policyName: string
  policyKind: PolicyKind
  /** 0-based index in the Statement list. */
  index: number
  sid?: string
  effect: 'Allow' | 'Deny'
}

export interface StatementMiss extends StatementRef {
  /** Why it did not apply: `action`, `resource`, `principal`, `condition`. */
  reason: 'action' | 'resource' | 'principal' | 'condition'
  /** Human detail, e.g. `condition StringEquals sts:ExternalId: request has no value`. */
  detail: string
  /** For `reason: 'condition'`: the condition that failed and why, without any value. */
  condition?: ConditionMiss
}

/**
 * Why a condition entry did not hold, value-free (it travels to callers in the emulator's
 * decision header, and a policy's expected values are not theirs to see): the request has no
 * value for the key (`absent`), has one where `Null` wants none (`present`), its value does not
 * match (`mismatch`), or a policy variable in the values has no value (`unresolved`).
 */
export interface ConditionMiss {
  operator: string
  key: string
  why: 'absent' | 'present' | 'mismatch' | 'unresolved'
}

/** The decision, as data. */
export interface Decision {
  decision: DecisionKind
  /** The policy type that decided (for ExplicitDeny: where the Deny was; ImplicitDeny: what was missing). */
  by: DecidedBy
  /** Statements that matched (Allow and Deny). */
  matched: StatementRef[]
  /** Statements that did not match, with why (for explanations). */
  misses: StatementMiss[]
  /** Context keys the policies referenced that the request did not have. */
  missingContextKeys: string[]
  /** Short human explanation, one line. */
  summary: string
}
