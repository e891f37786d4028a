import type { ActionDefinition } from '../define-action.js'
import { assumeRole } from './assume-role.js'
import { assumeRoleWithSAML } from './assume-role-with-saml.js'
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity.js'
import { getAccessKeyInfo } from './get-access-key-info.js'
import { getCallerIdentity } from './get-caller-identity.js'
import { getFederationToken } from './get-federation-token.js'
import { getSessionToken } from './get-session-token.js'

/** Every checked STS action, in name order. */
export const stsActions: ActionDefinition[] = [
  assumeRole,
  assumeRoleWithSAML,
  assumeRoleWithWebIdentity,
  getAccessKeyInfo,
  getCallerIdentity,
  getFederationToken,
  getSessionToken,
]
