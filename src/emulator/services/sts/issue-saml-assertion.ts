import { AwsServiceError, type Operation } from '../types.js'
import { badParameter, jsonParam, param, requireRoot } from './issuer-params.js'
import { checkIssuerName, samlIssuer } from './saml/idp-keys.js'
import { AWS_ATTRIBUTE, SIGNIN_SAML } from './saml/saml-keys.js'
import { signedAssertion } from './saml/sign-response.js'
import { MAX_SAML_ASSERTION_CHARS } from './saml/verify-response.js'

/**
 * `IamflowIssueSamlAssertion`: iamflow's own operation (not AWS's), on the emulator's STS
 * endpoint only. The emulator, playing the SAML identity provider `Issuer` of the caller's
 * account (see IamflowGetSamlIdpMetadata), returns a base64 SAML 2.0 Response whose Assertion
 * it signs with that IdP's key, saying what the scenario chose: the NameID and its format, the
 * audience and recipient, the validity (zero or negative: already expired, for labs of
 * refusals), AWS's Role, RoleSessionName, SessionDuration, PrincipalTag:*, TransitiveTagKeys
 * and SourceIdentity attributes, and any others. Nothing is checked against AWS's rules: a lab
 * may well want an assertion that AssumeRoleWithSAML refuses. Only the account root may ask.
 */

/** Longest validity either way (an expired assertion is a lab's test case). */
const MAX_LIFETIME_SECONDS = 86_400
/** JSON parameter limits (the whole assertion must fit AWS's 100,000 characters anyway). */
const MAX_JSON_CHARS = 32_768
const MAX_LIST = 100
const MAX_TEXT = 2048

const FORMATS: Record<string, string> = {
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  emailAddress: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length > MAX_TEXT) throw badParameter(`${what} must be a string of at most ${MAX_TEXT} characters.`)
  return value
}

function stringList(value: unknown, what: string): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || value.length > MAX_LIST) throw badParameter(`${what} must be a JSON list of at most ${MAX_LIST} strings.`)
  return value.map((v) => text(v, what))
}

/** A JSON object's own entries (keys stay strings in a list, never an object's properties). */
function entries(value: unknown, what: string): Array<[string, unknown]> {
  if (value === undefined) return []
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badParameter(`${what} must be a JSON object.`)
  const list = Object.entries(value)
  if (list.length > MAX_LIST) throw badParameter(`${what} must have at most ${MAX_LIST} members.`)
  return list
}

/** The attributes the assertion carries, in order: AWS's first, then the extra ones. */
function attributes(raw: Record<string, unknown>): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = []
  const roles = stringList(jsonParam(raw, 'Roles', MAX_JSON_CHARS), 'Roles')
  if (roles.length) out.push([AWS_ATTRIBUTE.role, roles])
  const sessionName = param(raw, 'RoleSessionName')
  if (sessionName !== undefined) out.push([AWS_ATTRIBUTE.roleSessionName, [sessionName]])
  const duration = param(raw, 'SessionDuration')
  if (duration !== undefined) out.push([AWS_ATTRIBUTE.sessionDuration, [duration]])
  for (const [k, v] of entries(jsonParam(raw, 'PrincipalTags', MAX_JSON_CHARS), 'PrincipalTags')) {
    out.push([`${AWS_ATTRIBUTE.principalTagPrefix}${k}`, [text(v, `PrincipalTags.${k}`)]])
  }
  const transitive = stringList(jsonParam(raw, 'TransitiveTagKeys', MAX_JSON_CHARS), 'TransitiveTagKeys')
  if (transitive.length) out.push([AWS_ATTRIBUTE.transitiveTagKeys, transitive])
  const sourceIdentity = param(raw, 'SourceIdentity')
  if (sourceIdentity !== undefined) out.push([AWS_ATTRIBUTE.sourceIdentity, [sourceIdentity]])
  for (const [k, v] of entries(jsonParam(raw, 'Attributes', MAX_JSON_CHARS), 'Attributes')) {
    if (k === '' || out.some(([name]) => name === k)) throw badParameter(`Attributes must not repeat ${k || 'an empty name'}: give AWS's attributes as their own parameters.`)
    out.push([text(k, 'an attribute name'), typeof v === 'string' ? [v] : stringList(v, `Attributes.${k}`)])
  }
  return out
}

export const issueSamlAssertion: Operation<Record<string, unknown>> = async (ctx, raw) => {
  requireRoot(ctx, 'issue SAML assertions')
  const issuer = checkIssuerName(param(raw, 'Issuer'))
  const subject = param(raw, 'Subject')
  if (!subject) throw badParameter('Subject is required.')
  const formatParam = param(raw, 'SubjectFormat') ?? 'persistent'
  const format = Object.hasOwn(FORMATS, formatParam) ? FORMATS[formatParam]! : formatParam
  const expiresText = param(raw, 'ExpiresInSeconds')
  const expiresIn = expiresText === undefined ? 300 : Number(expiresText)
  if (!Number.isInteger(expiresIn) || Math.abs(expiresIn) > MAX_LIFETIME_SECONDS) {
    throw badParameter(`ExpiresInSeconds must be an integer from -${MAX_LIFETIME_SECONDS} to ${MAX_LIFETIME_SECONDS}.`)
  }
  const attrs = attributes(raw)
  const account = ctx.caller.account
  const { entity, created } = await samlIssuer(account, issuer, ctx.now)
  if (created) ctx.state.accounts.set(account.id, account)
  const notOnOrAfter = ctx.now + expiresIn * 1000
  // An expired assertion is issued as if it had been valid for five minutes before it expired.
  const issueInstant = Math.min(ctx.now, notOnOrAfter - 300_000)
  const assertion = signedAssertion(
    {
      issuer: entity.issuer,
      nameId: subject,
      nameIdFormat: format,
      audience: param(raw, 'Audience') ?? SIGNIN_SAML,
      recipient: param(raw, 'Recipient') ?? SIGNIN_SAML,
      issueInstant,
      notBefore: issueInstant,
      notOnOrAfter,
      attributes: attrs,
    },
    entity,
  )
  if (assertion.length > MAX_SAML_ASSERTION_CHARS) {
    throw new AwsServiceError('InvalidParameterValue', 400, `The assertion would be ${assertion.length} characters of base64: AWS takes at most ${MAX_SAML_ASSERTION_CHARS}.`)
  }
  return { SAMLAssertion: assertion, NotOnOrAfter: new Date(notOnOrAfter) }
}
