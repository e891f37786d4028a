/** Shapes of the case tables (`{ name, source, policies, request, expect }`). */
import type { ContextValue, DecidedBy, DecisionKind, PolicyDocument, PolicyKind, RequestPrincipal } from '../types.js'
import type { PrincipalName } from './fixtures.js'

/**
 * How sure we are that AWS answers with exactly the text a case asserts (issue 16 audit). Every
 * case that asserts an exact message carries one (cases.test.ts checks):
 * - `recorded`: a response recorded from real AWS (LocalStack `aws.validated` snapshots, moto
 *   `aws_verified` tests);
 * - `documented`: AWS documentation quotes it;
 * - `reported`: real output quoted in public issues, CloudTrail records or write-ups;
 * - `unconfirmed`: no AWS source found (the text is our best reading; docs/fidelity.md);
 * - `engine`: the policy engine's generic text, which the emulator renders per service and
 *   action the way AWS does (the ref says how); not itself an AWS answer.
 * Short names in refs: LS-IAM-POL = LocalStack tests/aws/services/iam/test_iam_policies.snapshot.json
 * at commit b15ee85 (`invalid-N`/`valid-N`, see policy/recorded/); LS-IAM-ROLES =
 * test_iam_roles.snapshot.json at cdb3432; IAM UG / S3 UG = the IAM and S3 user guides
 * (archived sources: github awsdocs/iam-user-guide e2b8637); numbers like 542561660426 are the
 * account ids of real denials quoted in public reports.
 */
export interface Evidence {
  level: 'recorded' | 'documented' | 'reported' | 'unconfirmed' | 'engine'
  /** The source (snapshot and case id, page, report), or what was looked for and not found. */
  ref: string
}

/** A document, optionally named (names show in explanations and policy-ARN messages). */
export type CaseDoc = PolicyDocument | { name: string; id?: string; document: PolicyDocument }

/** One evaluation case. */
export interface EvalCase {
  name: string
  /** The AWS documentation page / rule the expectation comes from. */
  source: string
  /** Required when `expect.message` is set. */
  evidence?: Evidence
  policies: {
    identity?: CaseDoc[]
    resource?: CaseDoc
    trust?: CaseDoc
    boundary?: CaseDoc
    session?: CaseDoc[]
  }
  request: {
    principal: PrincipalName | RequestPrincipal
    action: string
    resource: string
    resourceAccount?: string
    context?: Record<string, ContextValue | undefined>
  }
  expect: {
    decision: DecisionKind
    by?: DecidedBy
    /** Sid (or `#index`) of a statement that must be among the matched ones with the deciding effect. */
    statement?: string
    /** Exact AccessDenied text. */
    message?: string
    style?: 'query' | 's3'
    missingContextKeys?: string[]
  }
}

/** One validation case. */
export interface ValidationCase {
  name: string
  source: string
  /** Required when `expect` is an error. */
  evidence?: Evidence
  kind: PolicyKind
  managed?: boolean
  document: string | PolicyDocument
  /** `ok` or the exact AWS error. */
  expect: 'ok' | { code: string; message: string }
}
