import { createHash } from 'node:crypto'
import type { ContextValue } from '../../../../policy/types.js'
import { dict } from '../../../../safe-object.js'
import type { SamlClaims } from './assertion-claims.js'

/**
 * AWS's SAML vocabulary: the attribute names STS reads ("Configuring SAML assertions for the
 * authentication response") and the trust-policy condition keys an assertion maps to ("IAM and
 * AWS STS condition context keys", Available keys for SAML-based AWS STS federation).
 */

/** The AWS sign-in SAML endpoint: the usual Audience and Recipient. */
export const SIGNIN_SAML = 'https://signin.aws.amazon.com/saml'

/** AWS's attribute names (case-sensitive, "must be set to ... exactly"). */
export const AWS_ATTRIBUTE = {
  role: 'https://aws.amazon.com/SAML/Attributes/Role',
  roleSessionName: 'https://aws.amazon.com/SAML/Attributes/RoleSessionName',
  sessionDuration: 'https://aws.amazon.com/SAML/Attributes/SessionDuration',
  principalTagPrefix: 'https://aws.amazon.com/SAML/Attributes/PrincipalTag:',
  transitiveTagKeys: 'https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys',
  sourceIdentity: 'https://aws.amazon.com/SAML/Attributes/SourceIdentity',
} as const

/**
 * Attribute names (eduPerson/eduOrg OIDs, Active Directory claims, X.500 OIDs) -> the `saml:`
 * key they map to and whether it is a list. As the User Guide tables list them (including its
 * `2.4.5.42` and `0.9.2342.19200300.100.1.45`, verbatim).
 */
const MAPPED: ReadonlyArray<readonly [string, string, 'list' | 'string']> = [
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.1', 'edupersonaffiliation', 'list'],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.2', 'edupersonnickname', 'list'],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.3', 'edupersonorgdn', 'string'],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.4', 'edupersonorgunitdn', 'list'],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.5', 'edupersonprimaryaffiliation', 'string'],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.6', 'edupersonprincipalname', 'string'],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.7', 'edupersonentitlement', 'list'],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.8', 'edupersonprimaryorgunitdn', 'string'],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.9', 'edupersonscopedaffiliation', 'list'],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.10', 'edupersontargetedid', 'list'],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.11', 'edupersonassurance', 'list'],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.2', 'eduorghomepageuri', 'list'],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.3', 'eduorgidentityauthnpolicyuri', 'list'],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.4', 'eduorglegalname', 'list'],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.5', 'eduorgsuperioruri', 'list'],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.6', 'eduorgwhitepagesuri', 'list'],
  ['urn:oid:2.5.4.3', 'cn', 'list'],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', 'name', 'string'],
  ['http://schemas.xmlsoap.org/claims/CommonName', 'commonName', 'string'],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', 'givenName', 'string'],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', 'surname', 'string'],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'mail', 'string'],
  ['http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid', 'uid', 'string'],
  ['2.5.4.3', 'commonName', 'string'],
  ['2.5.4.4', 'surname', 'string'],
  ['2.4.5.42', 'givenName', 'string'],
  ['2.5.4.45', 'x500UniqueIdentifier', 'string'],
  ['0.9.2342.19200300100.1.1', 'uid', 'string'],
  ['0.9.2342.19200300100.1.3', 'mail', 'string'],
  ['0.9.2342.19200300.100.1.45', 'organizationStatus', 'string'],
]

const NAMEID_PREFIX = 'urn:oasis:names:tc:SAML:2.0:nameid-format:'

/**
 * SubjectType / `saml:sub_type`: the NameID Format without the SAML 2.0 nameid-format prefix
 * (`...:persistent` -> `persistent`); any other format as given (AssumeRoleWithSAML API
 * Reference, SubjectType).
 */
export function subjectType(format: string | undefined): string | undefined {
  if (format === undefined) return undefined
  return format.startsWith(NAMEID_PREFIX) ? format.slice(NAMEID_PREFIX.length) : format
}

/**
 * NameQualifier / `saml:namequalifier`: "BASE64 ( SHA1 ( Issuer + account ID + '/' + provider
 * name ) )" (IAM User Guide, "Uniquely identifying users in SAML-based federation").
 */
export function nameQualifier(issuer: string, accountId: string, providerName: string): string {
  return createHash('sha1').update(`${issuer}${accountId}/${providerName}`, 'utf8').digest('base64')
}

/** The `saml:*` condition keys of a verified assertion for a provider. */
export function samlContext(claims: SamlClaims, accountId: string, providerName: string): Record<string, ContextValue | undefined> {
  const ctx = dict<ContextValue | undefined>()
  ctx['saml:aud'] = claims.recipient
  ctx['saml:iss'] = claims.issuer
  ctx['saml:sub'] = claims.nameId
  ctx['saml:sub_type'] = subjectType(claims.nameIdFormat)
  ctx['saml:doc'] = `${accountId}/${providerName}`
  ctx['saml:namequalifier'] = nameQualifier(claims.issuer, accountId, providerName)
  for (const [attribute, key, type] of MAPPED) {
    const values = claims.attributes.get(attribute)
    if (!values?.length || ctx[`saml:${key}`] !== undefined) continue
    ctx[`saml:${key}`] = type === 'list' ? values : values[0]
  }
  return ctx
}
