import type { Operation } from '../types.js'
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity.js'
import type { FederationOperation } from './federation-context.js'
import { getSamlIdpMetadata } from './get-saml-idp-metadata.js'
import { issueOidcToken } from './issue-oidc-token.js'
import { accountOperator } from './account-operator.js'
import { impersonate } from './impersonate.js'
import { assumeRole } from './assume-role.js'
import { getAccessKeyInfo } from './get-access-key-info.js'
import { decodeAuthorizationMessage } from './decode-authorization-message.js'
import { getCallerIdentity } from './get-caller-identity.js'
import { getFederationToken } from './get-federation-token.js'
import { getSessionToken } from './get-session-token.js'

/**
 * An operation whose module is imported on its first call. The SAML operations bring in
 * xml-crypto, @xmldom and xpath (about 350 KB of code): every emulator start used to load and
 * compile them, and few labs use SAML (issue 19, cold start).
 */
function onFirstCall<C, I>(load: () => Promise<(ctx: C, input: I) => unknown>): (ctx: C, input: I) => Promise<unknown> {
  let op: Promise<(ctx: C, input: I) => unknown> | undefined
  return async (ctx, input) => (await (op ??= load()))(ctx, input)
}

const assumeRoleWithSAML: FederationOperation = onFirstCall(async () => (await import('./assume-role-with-saml.js')).assumeRoleWithSAML)
const issueSamlAssertion: Operation = onFirstCall(async () => (await import('./issue-saml-assertion.js')).issueSamlAssertion)

/** STS (2011-06-15) operations by Action name. */
export const stsOperations: Record<string, Operation> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
  GetSessionToken: getSessionToken,
  GetAccessKeyInfo: getAccessKeyInfo,
  GetFederationToken: getFederationToken,
  DecodeAuthorizationMessage: decodeAuthorizationMessage,
}

/**
 * STS operations that need no AWS credentials (the token or assertion is the credential): they
 * accept an unsigned request, and a signed one is answered the same way.
 */
export const stsFederationOperations: Record<string, FederationOperation> = {
  AssumeRoleWithSAML: assumeRoleWithSAML,
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
}

/**
 * iamflow's own operations on the emulator's STS endpoint (not AWS's; `iamflow.*` actions call
 * them). Signed like any STS call; AWS answers them `InvalidAction`.
 */
export const iamflowStsOperations: Record<string, Operation> = {
  IamflowIssueOidcToken: issueOidcToken,
  IamflowGetSamlIdpMetadata: getSamlIdpMetadata,
  IamflowIssueSamlAssertion: issueSamlAssertion,
  IamflowAccountOperator: accountOperator,
  IamflowImpersonate: impersonate,
}

export type { FederationContext, FederationOperation } from './federation-context.js'
