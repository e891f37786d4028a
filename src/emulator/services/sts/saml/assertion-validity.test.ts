import { describe, expect, it } from 'vitest'
import { AwsServiceError } from '../../types.js'
import type { SamlClaims } from './assertion-claims.js'
import { checkValidity } from './assertion-validity.js'

const NOW = Date.parse('2026-06-01T12:00:00Z')
const claims = (over: Partial<SamlClaims> = {}): SamlClaims => ({
  issuer: 'https://idp.example.com/saml',
  nameId: 'alice',
  recipient: 'https://signin.aws.amazon.com/saml',
  confirmationNotOnOrAfter: NOW + 300_000,
  notBefore: NOW - 1000,
  notOnOrAfter: NOW + 300_000,
  audiences: ['https://signin.aws.amazon.com/saml'],
  attributes: new Map(),
  ...over,
})
function outcome(c: SamlClaims): string {
  try {
    checkValidity(c, NOW)
    return 'valid'
  } catch (e) {
    return `${(e as AwsServiceError).code}: ${(e as AwsServiceError).message}`
  }
}
const EXPIRED = 'ExpiredTokenException: Token must be redeemed within 5 minutes of issuance'

describe('SAML assertion validity', () => {
  it('accepts a current assertion for AWS (sign-in endpoint, regional endpoint, urn:amazon:webservices, no restriction)', () => {
    expect(outcome(claims())).toBe('valid')
    expect(outcome(claims({ audiences: ['https://us-east-2.signin.aws.amazon.com/saml'] }))).toBe('valid')
    expect(outcome(claims({ audiences: ['https://other.example', 'urn:amazon:webservices'] }))).toBe('valid')
    expect(outcome(claims({ audiences: undefined }))).toBe('valid')
  })

  it('an assertion at or past NotOnOrAfter (its confirmation or its Conditions) is expired', () => {
    expect(outcome(claims({ confirmationNotOnOrAfter: NOW }))).toBe(EXPIRED)
    expect(outcome(claims({ confirmationNotOnOrAfter: NOW - 60_000 }))).toBe(EXPIRED)
    expect(outcome(claims({ notOnOrAfter: NOW - 1 }))).toBe(EXPIRED)
  })

  it('NotBefore may be up to five minutes ahead (clock skew), not more', () => {
    expect(outcome(claims({ notBefore: NOW + 300_000 }))).toBe('valid')
    expect(outcome(claims({ notBefore: NOW + 300_001 }))).toBe('InvalidIdentityToken: Invalid SAML response: the assertion is not yet valid (NotBefore).')
    expect(outcome(claims({ confirmationNotBefore: NOW + 600_000 }))).toMatch(/^InvalidIdentityToken: /)
  })

  it('needs a bearer confirmation with Recipient and NotOnOrAfter, and AWS as an audience', () => {
    const { recipient: _r, ...noRecipient } = claims()
    expect(outcome(noRecipient)).toMatch(/^InvalidIdentityToken: Invalid SAML response: exactly one bearer SubjectConfirmation/)
    const { confirmationNotOnOrAfter: _n, ...noExpiry } = claims()
    expect(outcome(noExpiry)).toMatch(/^InvalidIdentityToken: /)
    expect(outcome(claims({ audiences: ['https://app.example.com/saml'] }))).toBe(
      'InvalidIdentityToken: Invalid SAML response: AWS (https://signin.aws.amazon.com/saml or urn:amazon:webservices) is not an audience of the assertion.',
    )
  })
})
