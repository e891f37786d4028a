import { childElements, invalidToken, onlyChild } from './verify-response.js'
import { NS } from './xml-text.js'
import type { XmlElement } from './xml-dom.js'

/**
 * What a verified SAML Assertion says, in the terms AssumeRoleWithSAML uses (IAM User Guide,
 * "Configuring SAML assertions for the authentication response"). Read from the signed XML
 * only (verify-response.ts). Attribute names stay Map keys, never an object's properties.
 */
export interface SamlClaims {
  issuer: string
  nameId?: string
  nameIdFormat?: string
  /** The bearer SubjectConfirmationData's Recipient (saml:aud) and validity. */
  recipient?: string
  confirmationNotOnOrAfter?: number
  confirmationNotBefore?: number
  /** Conditions' validity and audiences (undefined: no AudienceRestriction). */
  notBefore?: number
  notOnOrAfter?: number
  audiences?: string[]
  /** AuthnStatement's SessionNotOnOrAfter: the session may not outlive it. */
  sessionNotOnOrAfter?: number
  attributes: Map<string, string[]>
}

/** Attributes and values read (an assertion is at most 100,000 characters anyway). */
const MAX_ATTRIBUTES = 500
const MAX_VALUES = 500

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer'

const text = (el: XmlElement): string => (el.textContent ?? '').trim()

function time(el: XmlElement, name: string): number | undefined {
  if (!el.hasAttribute(name)) return undefined
  const v = el.getAttribute(name)!
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v) ? Date.parse(v) : NaN
  if (Number.isNaN(ms)) throw invalidToken(`Invalid SAML response: ${name} is not a valid dateTime.`)
  return ms
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value !== undefined ? ({ [key]: value } as Record<K, V>) : ({} as Record<K, V>))

/** Read the claims of a verified Assertion. */
export function assertionClaims(assertion: XmlElement): SamlClaims {
  const issuerEl = onlyChild(assertion, NS.assertion, 'Issuer')
  if (!issuerEl || text(issuerEl) === '') throw invalidToken('Invalid SAML response: the Assertion has no Issuer.')

  const subject = onlyChild(assertion, NS.assertion, 'Subject')
  const nameIdEl = subject && onlyChild(subject, NS.assertion, 'NameID')
  const bearer = subject ? childElements(subject, NS.assertion, 'SubjectConfirmation').filter((c) => c.getAttribute('Method') === BEARER) : []
  const data = bearer.length === 1 ? onlyChild(bearer[0]!, NS.assertion, 'SubjectConfirmationData') : undefined

  const conditions = onlyChild(assertion, NS.assertion, 'Conditions')
  let audiences: string[] | undefined
  for (const r of conditions ? childElements(conditions, NS.assertion, 'AudienceRestriction') : []) {
    audiences = [...(audiences ?? []), ...childElements(r, NS.assertion, 'Audience').slice(0, MAX_VALUES).map(text)]
  }
  const authn = childElements(assertion, NS.assertion, 'AuthnStatement')[0]

  const attributes = new Map<string, string[]>()
  for (const statement of childElements(assertion, NS.assertion, 'AttributeStatement')) {
    for (const a of childElements(statement, NS.assertion, 'Attribute')) {
      if (attributes.size >= MAX_ATTRIBUTES) break
      const name = a.getAttribute('Name') ?? ''
      // "You should include only one claim per AWS context key": the first one counts.
      if (name === '' || attributes.has(name)) continue
      attributes.set(name, childElements(a, NS.assertion, 'AttributeValue').slice(0, MAX_VALUES).map(text))
    }
  }

  return {
    issuer: text(issuerEl),
    ...optional('nameId', nameIdEl ? text(nameIdEl) : undefined),
    ...optional('nameIdFormat', nameIdEl?.hasAttribute('Format') ? nameIdEl.getAttribute('Format')! : undefined),
    ...optional('recipient', data?.hasAttribute('Recipient') ? data.getAttribute('Recipient')! : undefined),
    ...optional('confirmationNotOnOrAfter', data ? time(data, 'NotOnOrAfter') : undefined),
    ...optional('confirmationNotBefore', data ? time(data, 'NotBefore') : undefined),
    ...optional('notBefore', conditions ? time(conditions, 'NotBefore') : undefined),
    ...optional('notOnOrAfter', conditions ? time(conditions, 'NotOnOrAfter') : undefined),
    ...optional('audiences', audiences),
    ...optional('sessionNotOnOrAfter', authn ? time(authn, 'SessionNotOnOrAfter') : undefined),
    attributes,
  }
}
