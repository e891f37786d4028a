import type { Operation } from '../types.js'
import { assumeRoleWithSAML } from './assume-role-with-saml.js'
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity.js'
import type { FederationOperation } from './federation-context.js'
import { getSamlIdpMetadata } from './get-saml-idp-metadata.js'
import { issueOidcToken } from './issue-oidc-token.js'
import { issueSamlAssertion } from './issue-saml-assertion.js'
import { accountOperator } from './account-operator.js'
import { impersonate } from './impersonate.js'
import { assumeRole } from './assume-role.js'
import { getAccessKeyInfo } from './get-access-key-info.js'
import { decodeAuthorizationMessage } from './decode-authorization-message.js'
import { getCallerIdentity } from './get-caller-identity.js'
import { getFederationToken } from './get-federation-token.js'
import { getSessionToken } from './get-session-token.js'

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
