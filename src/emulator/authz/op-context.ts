import type { Incoming } from '../incoming.js'
import type { Exchange, Runtime } from '../runtime.js'
import type { Caller, OpContext } from '../services/types.js'
import type { FederationContext } from '../services/sts/federation-context.js'
import { authorizeRequest, callerPolicies, requestContext, type DenialOptions } from './authorize.js'

/** Build the OpContext a handler receives, with `authorize()` bound to this request. */
export function createOpContext(
  rt: Runtime,
  caller: Caller,
  inc: Incoming,
  requestId: string,
  exchange: Exchange,
  region: string,
  denial: DenialOptions,
): OpContext {
  let policies: ReturnType<typeof callerPolicies> | undefined
  // Built at the first authorization: GetCallerIdentity and friends authorize nothing.
  let base: ReturnType<typeof requestContext> | undefined
  return {
    state: rt.state,
    caller,
    now: inc.now,
    region,
    requestId,
    consistencyDelayMs: rt.consistencyDelayMs,
    quotas: rt.quotas,
    authorize(action, resource, opts = {}) {
      policies ??= callerPolicies(rt.state, caller, inc.now)
      base ??= requestContext(inc, region, caller)
      const crossAccount = opts.resourceAccount !== undefined && opts.resourceAccount !== caller.account.id
      return authorizeRequest(
        caller.principal,
        policies,
        {
          action,
          resource,
          ...(opts.resourceAccount ? { resourceAccount: opts.resourceAccount } : {}),
          ...(opts.context ? { context: opts.context } : {}),
          ...(opts.resourcePolicy !== undefined ? { resourcePolicy: opts.resourcePolicy } : {}),
          ...(opts.trustPolicy !== undefined ? { trustPolicy: { id: trustId(resource), text: opts.trustPolicy } } : {}),
          ...(opts.accountGrant !== undefined ? { accountGrant: opts.accountGrant } : {}),
        },
        base,
        {
          ...denial,
          plain: denial.plain || (denial.style === 's3' && crossAccount),
          ...(opts.denialResource !== undefined ? { resource: opts.denialResource } : {}),
        },
        (d) => exchange.decisions.push(d),
      )
    },
  }
}

/** `arn:aws:iam::1:role/path/R` -> `role/R/trust` (the PolicySource id of a trust policy). */
function trustId(roleArn: string): string {
  return `role/${roleArn.slice(roleArn.lastIndexOf('/') + 1)}/trust`
}

/**
 * The context of a federation operation (AssumeRoleWithWebIdentity/SAML): no caller, and a
 * trust-only decision for the federated principal, recorded like any other.
 */
export function createFederationContext(rt: Runtime, inc: Incoming, requestId: string, exchange: Exchange, region: string): FederationContext {
  const base = requestContext(inc, region, undefined)
  return {
    state: rt.state,
    now: inc.now,
    region,
    requestId,
    authorizeTrust(req) {
      exchange.principal = req.principal.arn
      return authorizeRequest(
        req.principal,
        { identity: [] },
        { action: req.action, resource: req.roleArn, resourceAccount: req.resourceAccount, context: req.context, trustPolicy: { id: trustId(req.roleArn), text: req.trustPolicy } },
        base,
        { style: 'query', message: () => req.message },
        (d) => exchange.decisions.push(d),
      )
    },
  }
}
