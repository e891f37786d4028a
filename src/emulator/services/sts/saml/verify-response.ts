import type { X509Certificate } from 'node:crypto'
import { SignedXml } from 'xml-crypto'
import { AwsServiceError } from '../../types.js'
import { NS } from './xml-text.js'
import { isElement, parseDom, type XmlDocument, type XmlElement } from './xml-dom.js'

/**
 * Verify a SAML 2.0 Response as AWS STS does for AssumeRoleWithSAML: the Response or its one
 * Assertion carries an enveloped XML signature (exclusive c14n; RSA with SHA-1 or SHA-256)
 * that verifies with a certificate of the SAML provider's metadata (never with a certificate
 * the response brings along in its KeyInfo). Claims are then read from the XML the signature
 * covers, as xml-crypto canonicalised it while checking the digest, never from the received
 * document: a second, unsigned Assertion or a moved signature (XML signature wrapping) cannot
 * lend its content a valid signature.
 */

/** AWS's limit: the SAMLAssertion member is at most 100,000 characters (botocore sts model). */
export const MAX_SAML_ASSERTION_CHARS = 100_000
/** Signatures looked at (one on the Response, one on the Assertion). */
const MAX_SIGNATURES = 2
/** Certificates tried per signature (the metadata parser keeps at most 16). */
const MAX_CERTIFICATES = 16

const SIGNATURE_ALGORITHMS = new Set(['http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2000/09/xmldsig#rsa-sha1'])

export const invalidToken = (message: string) => new AwsServiceError('InvalidIdentityToken', 400, message)
/** AWS's text for a response whose signature does not verify (IAM User Guide, "Troubleshooting SAML 2.0 federation"). */
export const SIGNATURE_INVALID = 'Response signature invalid'
const NOT_A_RESPONSE = 'Invalid SAML response: the SAMLAssertion must be a base64-encoded SAML 2.0 Response.'

/** An element's child elements (bounded by the document, itself at most 100,000 characters). */
export function childElements(el: XmlElement, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = []
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (isElement(n) && n.namespaceURI === ns && n.localName === local) out.push(n)
  }
  return out
}

/** The one child element `local` of `el`, or undefined when there is none or several. */
export function onlyChild(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  const found = childElements(el, ns, local)
  return found.length === 1 ? found[0] : undefined
}

/** Parse XML strictly: no DTD (no entity expansion), any parse error refuses the document. */
export function parseXml(xml: string): XmlDocument {
  if (/<!DOCTYPE/i.test(xml)) throw invalidToken(NOT_A_RESPONSE)
  const fail = () => {
    throw invalidToken(NOT_A_RESPONSE)
  }
  try {
    const doc = parseDom(xml, { warning: () => {}, error: fail, fatalError: fail })
    if (!doc?.documentElement) return fail()
    return doc
  } catch {
    return fail()
  }
}

/** The XML text of a base64 SAMLAssertion (strict base64, UTF-8). */
export function decodeAssertion(base64: string): string {
  if (base64.length > MAX_SAML_ASSERTION_CHARS) throw invalidToken(NOT_A_RESPONSE)
  const compact = base64.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) throw invalidToken(NOT_A_RESPONSE)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'))
  } catch {
    throw invalidToken(NOT_A_RESPONSE)
  }
}

const attr = (el: XmlElement, name: string): string | undefined => (el.hasAttribute(name) ? el.getAttribute(name)! : undefined)

/**
 * The canonical XML of `owner` (the Response or the Assertion) if `signature`, a direct child of
 * it, verifies with one of `certificates` and covers exactly `owner` (one Reference, to its ID).
 */
function verifiedReference(xml: string, owner: XmlElement, signature: XmlElement, certificates: readonly X509Certificate[]): string | undefined {
  const signedInfo = onlyChild(signature, NS.dsig, 'SignedInfo')
  const method = signedInfo && onlyChild(signedInfo, NS.dsig, 'SignatureMethod')
  if (!method || !SIGNATURE_ALGORITHMS.has(attr(method, 'Algorithm') ?? '')) return undefined
  const ownerId = attr(owner, 'ID')
  if (!ownerId) return undefined
  for (const cert of certificates.slice(0, MAX_CERTIFICATES)) {
    // The provider's certificate only: KeyInfo in the response is ignored (getCertFromKeyInfo).
    const sig = new SignedXml({ publicCert: cert.toString(), getCertFromKeyInfo: () => null })
    try {
      sig.loadSignature(signature)
      const refs = sig.getReferences()
      if (refs.length !== 1 || refs[0]!.uri !== `#${ownerId}`) return undefined
      if (!sig.checkSignature(xml)) continue
      const signed = sig.getSignedReferences()
      if (signed.length === 1) return signed[0]
    } catch {
      // A wrong certificate throws "invalid signature": try the next one.
    }
  }
  return undefined
}

/** A Response parsed but not yet trusted. */
export interface ParsedResponse {
  xml: string
  response: XmlElement
  /** The top-level StatusCode (IdPs report a failed sign-in there). */
  status?: string
}

/** Decode and parse a base64 SAML Response (not yet verified). */
export function parseResponse(base64: string): ParsedResponse {
  const xml = decodeAssertion(base64)
  const response = parseXml(xml).documentElement!
  if (response.namespaceURI !== NS.protocol || response.localName !== 'Response') throw invalidToken(NOT_A_RESPONSE)
  const status = onlyChild(response, NS.protocol, 'Status')
  const code = status && onlyChild(status, NS.protocol, 'StatusCode')
  const value = code ? attr(code, 'Value') : undefined
  return { xml, response, ...(value !== undefined ? { status: value } : {}) }
}

/** The verified Assertion element of a parsed Response, read from its signed XML. */
export function verifiedAssertion(parsed: ParsedResponse, certificates: readonly X509Certificate[]): XmlElement {
  const { xml, response } = parsed
  if (childElements(response, NS.assertion, 'EncryptedAssertion').length) {
    throw invalidToken('Invalid SAML response: the emulator does not decrypt EncryptedAssertion.')
  }
  const assertion = onlyChild(response, NS.assertion, 'Assertion')
  if (!assertion) throw invalidToken('Invalid SAML response: it must hold exactly one Assertion.')
  const candidates: Array<[XmlElement, XmlElement]> = []
  for (const owner of [assertion, response]) for (const s of childElements(owner, NS.dsig, 'Signature')) candidates.push([owner, s])
  if (candidates.length === 0 || candidates.length > MAX_SIGNATURES) throw invalidToken(SIGNATURE_INVALID)
  let signedAssertion: XmlElement | undefined
  for (const [owner, signature] of candidates) {
    const canonical = verifiedReference(xml, owner, signature, certificates)
    // Every signature present must verify.
    if (canonical === undefined) throw invalidToken(SIGNATURE_INVALID)
    const signedRoot = parseXml(canonical).documentElement!
    if (owner === assertion) signedAssertion = signedRoot
    // A signed Response covers its Assertion (unless the Assertion's own signature did already).
    else signedAssertion ??= onlyChild(signedRoot, NS.assertion, 'Assertion')
  }
  if (!signedAssertion || signedAssertion.namespaceURI !== NS.assertion || signedAssertion.localName !== 'Assertion') throw invalidToken(SIGNATURE_INVALID)
  return signedAssertion
}
