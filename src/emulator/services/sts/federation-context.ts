import type { ContextValue, Decision, RequestPrincipal } from '../../../policy/types.js'
import type { EmulatorState } from '../../state/model.js'

/**
 * What a federation operation receives instead of an OpContext: AssumeRoleWithWebIdentity and
 * AssumeRoleWithSAML need no AWS credentials (the token or assertion is the credential), so
 * there is no caller; the trust policy of the role alone decides.
 */
export interface FederationContext {
  state: EmulatorState
  now: number
  region: string
  requestId: string
  /**
   * Decide `action` on the role for the federated `principal` with the trust policy only (no
   * identity policies) and the given condition keys; throw AccessDenied with `message` when it
   * is not allowed. Records the decision for the `x-iamflow-decision` header.
   */
  authorizeTrust(req: {
    principal: RequestPrincipal
    action: string
    roleArn: string
    resourceAccount: string
    trustPolicy: string
    context: Record<string, ContextValue | undefined>
    message: string
  }): Decision
}

/** A federation operation: typed input (as the Query layer parsed it) -> output object. */
export type FederationOperation<I = any> = (ctx: FederationContext, input: I) => unknown
