import { randomBytes } from 'node:crypto'
import { SignedXml } from 'xml-crypto'
import type { SamlIssuerEntity } from '../../../state/model.js'
import { NS, samlTime, xmlEscape } from './xml-text.js'

/**
 * The emulator as a SAML 2.0 identity provider: a `samlp:Response` holding one `saml:Assertion`
 * signed with the issuer's key (RSA-SHA256, SHA-256 digest, exclusive c14n, enveloped
 * signature after the assertion's Issuer, as saml-core-2.0-os 2.3.3 orders it; xml-crypto
 * computes it). The Response is what IdPs POST to https://signin.aws.amazon.com/saml and what
 * AssumeRoleWithSAML takes, base64-encoded.
 */

export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#'
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature'
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256'

/** What the assertion says. Times are epoch ms. */
export interface AssertionContent {
  issuer: string
  nameId: string
  nameIdFormat: string
  audience: string
  recipient: string
  issueInstant: number
  notBefore: number
  notOnOrAfter: number
  /** Attribute name -> its values, in order (names as given: never an object's keys). */
  attributes: ReadonlyArray<readonly [string, readonly string[]]>
}

const id = () => `_${randomBytes(16).toString('hex')}`

function attributeXml([name, values]: readonly [string, readonly string[]]): string {
  const vals = values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${xmlEscape(v)}</saml:AttributeValue>`).join('')
  return `<saml:Attribute Name="${xmlEscape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${vals}</saml:Attribute>`
}

/** The unsigned Response (the Assertion has an ID for the signature's reference). */
export function responseXml(c: AssertionContent): { xml: string; assertionId: string } {
  const assertionId = id()
  const t = samlTime(c.issueInstant)
  const attributes = c.attributes.length ? `<saml:AttributeStatement>${c.attributes.map(attributeXml).join('')}</saml:AttributeStatement>` : ''
  const xml =
    `<samlp:Response xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${id()}" Version="2.0" IssueInstant="${t}" Destination="${xmlEscape(c.recipient)}">` +
    `<saml:Issuer>${xmlEscape(c.issuer)}</saml:Issuer>` +
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
    `<saml:Assertion xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${assertionId}" Version="2.0" IssueInstant="${t}">` +
    `<saml:Issuer>${xmlEscape(c.issuer)}</saml:Issuer>` +
    '<saml:Subject>' +
    `<saml:NameID Format="${xmlEscape(c.nameIdFormat)}">${xmlEscape(c.nameId)}</saml:NameID>` +
    '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml:SubjectConfirmationData NotOnOrAfter="${samlTime(c.notOnOrAfter)}" Recipient="${xmlEscape(c.recipient)}"/>` +
    '</saml:SubjectConfirmation>' +
    '</saml:Subject>' +
    `<saml:Conditions NotBefore="${samlTime(c.notBefore)}" NotOnOrAfter="${samlTime(c.notOnOrAfter)}">` +
    `<saml:AudienceRestriction><saml:Audience>${xmlEscape(c.audience)}</saml:Audience></saml:AudienceRestriction>` +
    '</saml:Conditions>' +
    `<saml:AuthnStatement AuthnInstant="${t}" SessionIndex="${assertionId}">` +
    '<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>' +
    '</saml:AuthnStatement>' +
    attributes +
    '</saml:Assertion>' +
    '</samlp:Response>'
  return { xml, assertionId }
}

/** Sign the Response's Assertion with `issuer`'s key; returns the signed XML. */
export function signResponse(xml: string, issuer: SamlIssuerEntity): string {
  const sig = new SignedXml({
    privateKey: issuer.privateKeyPem,
    publicCert: issuer.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  })
  const assertion = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']"
  sig.addReference({ xpath: assertion, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 })
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `${assertion}/*[local-name(.)='Issuer']`, action: 'after' } })
  return sig.getSignedXml()
}

/** A signed Response, base64-encoded (the SAMLAssertion parameter's form). */
export function signedAssertion(c: AssertionContent, issuer: SamlIssuerEntity): string {
  return Buffer.from(signResponse(responseXml(c).xml, issuer), 'utf8').toString('base64')
}
