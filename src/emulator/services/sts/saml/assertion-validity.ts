import { AwsServiceError } from '../../types.js'
import type { SamlClaims } from './assertion-claims.js'
import { invalidToken } from './verify-response.js'

/** Clock skew allowed for NotBefore in the future (an assumption: AWS does not publish its own). */
const SKEW_MS = 5 * 60 * 1000
/** Audiences STS accepts ("AWS should be included as an audience": sign-in endpoints, urn:amazon:webservices). */
const AWS_AUDIENCE = /^(?:https:\/\/(?:[a-z0-9-]+\.)?signin\.aws\.amazon\.com\/saml|https:\/\/signin\.amazonaws\.cn\/saml|urn:amazon:webservices)$/
/** AWS's text for an expired assertion (as STS answers it, quoted by SAML tooling and its tests). */
export const EXPIRED = 'Token must be redeemed within 5 minutes of issuance'

/**
 * Times and audience, as AWS checks them before the trust policy: a bearer confirmation with a
 * Recipient and NotOnOrAfter, not yet expired (Conditions and confirmation), already valid
 * (NotBefore, with clock skew), and AWS among the audiences when an AudienceRestriction is given.
 */
export function checkValidity(claims: SamlClaims, now: number): void {
  if (claims.recipient === undefined || claims.confirmationNotOnOrAfter === undefined) {
    throw invalidToken('Invalid SAML response: exactly one bearer SubjectConfirmation with a SubjectConfirmationData holding NotOnOrAfter and Recipient is required.')
  }
  const notBefore = Math.max(claims.notBefore ?? -Infinity, claims.confirmationNotBefore ?? -Infinity)
  if (notBefore > now + SKEW_MS) throw invalidToken('Invalid SAML response: the assertion is not yet valid (NotBefore).')
  const notOnOrAfter = Math.min(claims.notOnOrAfter ?? Infinity, claims.confirmationNotOnOrAfter)
  if (now >= notOnOrAfter) throw new AwsServiceError('ExpiredTokenException', 400, EXPIRED)
  if (claims.audiences !== undefined && !claims.audiences.some((a) => AWS_AUDIENCE.test(a))) {
    throw invalidToken('Invalid SAML response: AWS (https://signin.aws.amazon.com/saml or urn:amazon:webservices) is not an audience of the assertion.')
  }
}
