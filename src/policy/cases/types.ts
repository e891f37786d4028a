/** Shapes of the case tables (`{ name, source, policies, request, expect }`). */
import type { ContextValue, DecidedBy, DecisionKind, PolicyDocument, PolicyKind, RequestPrincipal } from '../types.js'
import type { PrincipalName } from './fixtures.js'

/** A document, optionally named (names show in explanations and policy-ARN messages). */
export type CaseDoc = PolicyDocument | { name: string; id?: string; document: PolicyDocument }

/** One evaluation case. */
export interface EvalCase {
  name: string
  /** The AWS documentation page / rule the expectation comes from. */
  source: string
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
  kind: PolicyKind
  managed?: boolean
  document: string | PolicyDocument
  /** `ok` or the exact AWS error. */
  expect: 'ok' | { code: string; message: string }
}
