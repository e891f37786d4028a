import type { ActionDefinition } from '../define-action.js'
import { getSamlIdpMetadata } from './get-saml-idp-metadata.js'
import { issueOidcToken } from './issue-oidc-token.js'
import { issueSamlAssertion } from './issue-saml-assertion.js'

/** iamflow's own actions (emulator only), in name order. */
export const iamflowActions: ActionDefinition[] = [getSamlIdpMetadata, issueOidcToken, issueSamlAssertion]
