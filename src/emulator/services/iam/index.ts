import type { Operation } from '../types.js'
import { accessKeyOperations } from './access-keys.js'
import { accountAliasOperations } from './account-aliases.js'
import { accountSummaryOperations } from './account-summary.js'
import { attachmentOperations } from './attachments.js'
import { authorizationDetailsOperations } from './authorization-details.js'
import { credentialReportOperations } from './credential-report.js'
import { boundaryOperations } from './boundaries.js'
import { certificateOperations } from './certificates.js'
import { changePasswordOperations } from './change-password.js'
import { serverCertificateTagOperations } from './server-certificate-tags.js'
import { groupOperations } from './groups.js'
import { inlinePolicyOperations } from './inline-policies.js'
import { instanceProfileOperations } from './instance-profiles.js'
import { loginProfileOperations } from './login-profiles.js'
import { managedPolicyOperations } from './managed-policies.js'
import { passwordPolicyOperations } from './password-policy.js'
import { oidcProviderOperations } from './oidc-providers.js'
import { samlProviderOperations } from './saml-providers.js'
import { mfaDeviceOperations } from './mfa/devices.js'
import { getMfaDeviceOperations } from './mfa/get-device.js'
import { policyVersionOperations } from './policy-versions.js'
import { roleOperations } from './roles.js'
import { serviceCredentialOperations } from './service-credentials.js'
import { serviceLinkedRoleOperations } from './service-linked-roles.js'
import { contextKeyOperations } from './simulation/context-keys.js'
import { simulationOperations } from './simulation/operations.js'
import { sshPublicKeyOperations } from './ssh-public-keys.js'
import { taggingOperations } from './tagging.js'
import { tokenPreferenceOperations } from './token-preferences.js'
import { userOperations } from './users.js'

/**
 * The IAM service (API version 2010-05-08): operation handlers keyed by AWS operation name.
 * Each validates its input against the botocore model, authorizes `iam:<Action>` on the
 * target before acting, and returns the Result members in the model's order.
 */
export const iamOperations: Record<string, Operation> = {
  ...userOperations,
  ...accessKeyOperations,
  ...loginProfileOperations,
  ...groupOperations,
  ...roleOperations,
  ...inlinePolicyOperations,
  ...attachmentOperations,
  ...boundaryOperations,
  ...taggingOperations,
  ...managedPolicyOperations,
  ...policyVersionOperations,
  ...accountSummaryOperations,
  ...authorizationDetailsOperations,
  ...simulationOperations,
  ...instanceProfileOperations,
  ...passwordPolicyOperations,
  ...changePasswordOperations,
  ...accountAliasOperations,
  ...serviceLinkedRoleOperations,
  ...contextKeyOperations,
  ...credentialReportOperations,
  ...sshPublicKeyOperations,
  ...certificateOperations,
  ...serviceCredentialOperations,
  ...oidcProviderOperations,
  ...samlProviderOperations,
  ...mfaDeviceOperations,
  ...getMfaDeviceOperations,
  ...serverCertificateTagOperations,
  ...tokenPreferenceOperations,
}

export { checkPrincipalsExist, isValidAwsPrincipal } from './principals.js'
export { rewritePrincipalEverywhere } from './principal-rewrite.js'
