import { X509Certificate } from 'node:crypto'
import { SignedXml } from 'xml-crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SamlIssuerEntity } from '../../../state/model.js'
import { AwsServiceError } from '../../types.js'
import { assertionClaims } from './assertion-claims.js'
import { samlIssuer } from './idp-keys.js'
import { EXC_C14N, RSA_SHA256, responseXml, signedAssertion, type AssertionContent } from './sign-response.js'
import { MAX_SAML_ASSERTION_CHARS, parseResponse, verifiedAssertion } from './verify-response.js'

/**
 * The verifier AssumeRoleWithSAML uses: a signature by the provider's certificate over the
 * Assertion (or the Response), claims read only from what the signature covers.
 */

const NOW = Date.parse('2026-06-01T12:00:00Z')
const content = (over: Partial<AssertionContent> = {}): AssertionContent => ({
  issuer: 'https://idp.example.com/saml',
  nameId: 'alice',
  nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  audience: 'https://signin.aws.amazon.com/saml',
  recipient: 'https://signin.aws.amazon.com/saml',
  issueInstant: NOW,
  notBefore: NOW,
  notOnOrAfter: NOW + 300_000,
  attributes: [
    ['https://aws.amazon.com/SAML/Attributes/Role', ['arn:aws:iam::123456789012:role/r,arn:aws:iam::123456789012:saml-provider/p']],
    ['urn:oid:1.3.6.1.4.1.5923.1.1.1.1', ['member', 'staff']],
  ],
  ...over,
})

let idp: SamlIssuerEntity
let other: SamlIssuerEntity
let certs: X509Certificate[]
beforeAll(async () => {
  const account = { id: '123456789012' } as Parameters<typeof samlIssuer>[0]
  idp = (await samlIssuer(account, 'https://idp.example.com/saml', NOW)).entity
  other = (await samlIssuer(account, 'https://other.example.com/saml', NOW)).entity
  certs = [new X509Certificate(idp.certificatePem)]
})

const xmlOf = (b64: string) => Buffer.from(b64, 'base64').toString('utf8')
const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64')
const claimsOf = (assertion: string, with_ = certs) => assertionClaims(verifiedAssertion(parseResponse(assertion), with_))
function refusal(f: () => unknown): { code: string; message: string } {
  try {
    f()
  } catch (e) {
    if (e instanceof AwsServiceError) return { code: e.code, message: e.message }
    throw e
  }
  throw new Error('expected a refusal')
}
const BAD_SIGNATURE = { code: 'InvalidIdentityToken', message: 'Response signature invalid' }

describe('SAML Response verification', () => {
  it('accepts an assertion signed by the provider certificate and reads its claims', () => {
    const claims = claimsOf(signedAssertion(content(), idp))
    expect(claims).toMatchObject({
      issuer: 'https://idp.example.com/saml',
      nameId: 'alice',
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      recipient: 'https://signin.aws.amazon.com/saml',
      confirmationNotOnOrAfter: NOW + 300_000,
      notBefore: NOW,
      notOnOrAfter: NOW + 300_000,
      audiences: ['https://signin.aws.amazon.com/saml'],
    })
    expect(claims.attributes.get('urn:oid:1.3.6.1.4.1.5923.1.1.1.1')).toEqual(['member', 'staff'])
    // The signature: RSA-SHA256 over exclusive c14n, enveloped in the Assertion after its Issuer.
    const xml = xmlOf(signedAssertion(content(), idp))
    expect(xml).toMatch(/<saml:Assertion [^>]*><saml:Issuer>[^<]*<\/saml:Issuer><ds:Signature /)
    expect(xml).toContain(`<ds:SignatureMethod Algorithm="${RSA_SHA256}"/>`)
    expect(xml).toContain(`<ds:CanonicalizationMethod Algorithm="${EXC_C14N}"/>`)
    expect(xml).toContain('<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>')
    expect(xml).not.toMatch(/PRIVATE KEY/)
  })

  it('refuses a tampered attribute, subject or time', () => {
    const xml = xmlOf(signedAssertion(content(), idp))
    expect(refusal(() => claimsOf(b64(xml.replace('>staff<', '>admin<'))))).toEqual(BAD_SIGNATURE)
    expect(refusal(() => claimsOf(b64(xml.replace('>alice</saml:NameID>', '>bob</saml:NameID>'))))).toEqual(BAD_SIGNATURE)
    const later = new Date(NOW + 86_400_000).toISOString()
    expect(refusal(() => claimsOf(b64(xml.replace(/(SubjectConfirmationData NotOnOrAfter=")[^"]+/, `$1${later}`))))).toEqual(BAD_SIGNATURE)
  })

  it('refuses an unsigned assertion and one signed by another key, even one carrying its own certificate in KeyInfo', () => {
    const xml = xmlOf(signedAssertion(content(), idp))
    expect(refusal(() => claimsOf(b64(xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''))))).toEqual(BAD_SIGNATURE)
    // Signed by another IdP, whose certificate is in the signature's KeyInfo: not the provider's.
    expect(refusal(() => claimsOf(signedAssertion(content(), other)))).toEqual(BAD_SIGNATURE)
    // The same assertion verifies once the other IdP's certificate is the provider's.
    expect(claimsOf(signedAssertion(content(), other), [new X509Certificate(other.certificatePem)]).nameId).toBe('alice')
  })

  it('refuses signature wrapping: claims never come from an element the signature does not cover', () => {
    const xml = xmlOf(signedAssertion(content({ nameId: 'mallory' }), idp))
    const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0]
    const forged = signed.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '').replace('>mallory<', '>alice<')
    // A forged Assertion before the signed one: two Assertions.
    expect(refusal(() => claimsOf(b64(xml.replace(signed, forged + signed))))).toMatchObject({ code: 'InvalidIdentityToken' })
    // The signed Assertion hidden in an Extensions element, a forged one (same ID) in its place.
    const hidden = xml.replace(signed, `<samlp:Extensions>${signed}</samlp:Extensions>${forged}`)
    expect(refusal(() => claimsOf(b64(hidden)))).toMatchObject({ code: 'InvalidIdentityToken' })
    // The signature moved into a forged Assertion with another ID, still referencing the original.
    const sig = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0]
    const moved = forged.replace(/ID="[^"]+"/, 'ID="_forged"').replace('</saml:Issuer>', `</saml:Issuer>${sig}`)
    expect(refusal(() => claimsOf(b64(xml.replace(signed, `<samlp:Extensions>${signed.replace(sig, '')}</samlp:Extensions>${moved}`))))).toMatchObject({ code: 'InvalidIdentityToken' })
  })

  it('accepts a Response signed as a whole (some IdPs sign the Response, not the Assertion), reading the Assertion it covers', () => {
    const { xml } = responseXml(content())
    const sig = new SignedXml({ privateKey: idp.privateKeyPem, publicCert: idp.certificatePem, signatureAlgorithm: RSA_SHA256, canonicalizationAlgorithm: EXC_C14N })
    sig.addReference({ xpath: "/*[local-name(.)='Response']", transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', EXC_C14N], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' })
    sig.computeSignature(xml, { prefix: 'ds', location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: 'after' } })
    const signedResponse = sig.getSignedXml()
    expect(claimsOf(b64(signedResponse)).nameId).toBe('alice')
    expect(refusal(() => claimsOf(b64(signedResponse.replace('>alice<', '>bob<'))))).toEqual(BAD_SIGNATURE)
  })

  it('verifies an assertion from another IdP shape: a default namespace and indentation whitespace', () => {
    // Re-serialised by hand as ADFS-style XML: the Assertion uses a default namespace and is
    // signed in that form (exclusive c14n keeps it verifiable when embedded elsewhere).
    const { xml } = responseXml(content())
    const adfs = xml
      .replace(/<saml:Assertion xmlns:xs="[^"]+" xmlns:xsi="[^"]+"/, '<Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')
    const inner = /<Assertion[\s\S]*<\/saml:Assertion>/.exec(adfs)![0]
    const rewritten = inner.replace(/<(\/?)saml:/g, '<$1').replace(/></g, '>\n  <')
    const doc = adfs.replace(inner, rewritten)
    expect(doc).toContain('<Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion"')
    expect(doc).toContain('>\n  <NameID ')
    const sig = new SignedXml({ privateKey: idp.privateKeyPem, publicCert: idp.certificatePem, signatureAlgorithm: RSA_SHA256, canonicalizationAlgorithm: EXC_C14N })
    sig.addReference({ xpath: "//*[local-name(.)='Assertion']", transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', EXC_C14N], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' })
    sig.computeSignature(doc, { prefix: 'ds', location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } })
    const claims = claimsOf(b64(sig.getSignedXml()))
    expect([claims.nameId, claims.issuer, claims.attributes.get('urn:oid:1.3.6.1.4.1.5923.1.1.1.1')]).toEqual(['alice', 'https://idp.example.com/saml', ['member', 'staff']])
  })

  it('refuses what is not a base64 SAML 2.0 Response, a DTD, and more than AWS takes', () => {
    const notResponse = { code: 'InvalidIdentityToken', message: 'Invalid SAML response: the SAMLAssertion must be a base64-encoded SAML 2.0 Response.' }
    expect(refusal(() => parseResponse('not base64!'))).toEqual(notResponse)
    expect(refusal(() => parseResponse(b64('<a><b></a>')))).toEqual(notResponse)
    expect(refusal(() => parseResponse(b64('<Response xmlns="urn:other"/>')))).toEqual(notResponse)
    const dtd = `<!DOCTYPE r [<!ENTITY x "alice">]>${xmlOf(signedAssertion(content(), idp))}`
    expect(refusal(() => parseResponse(b64(dtd)))).toEqual(notResponse)
    expect(refusal(() => parseResponse('A'.repeat(MAX_SAML_ASSERTION_CHARS + 4)))).toEqual(notResponse)
  })

  it('claims keep attribute names out of object properties', () => {
    const claims = claimsOf(signedAssertion(content({ attributes: [['__proto__', ['x']], ['constructor', ['y']]] }), idp))
    expect(claims.attributes).toBeInstanceOf(Map)
    expect([claims.attributes.get('__proto__'), claims.attributes.get('constructor')]).toEqual([['x'], ['y']])
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})
