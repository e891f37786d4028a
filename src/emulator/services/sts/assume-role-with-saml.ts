import type { ContextValue } from '../../../policy/types.js'
import { arns, parseRoleArn } from '../../arn.js'
import type { SamlProviderEntity } from '../../state/model.js'
import { checkSamlMetadata } from '../iam/saml-metadata.js'
import { AwsServiceError } from '../types.js'
import { visibleRole } from './assume-role.js'
import { credentialsOutput, issueSession } from './credentials.js'
import type { FederationContext, FederationOperation } from './federation-context.js'
import { assertionClaims, type SamlClaims } from './saml/assertion-claims.js'
import { checkValidity, EXPIRED } from './saml/assertion-validity.js'
import { samlSession, type SamlSessionClaims } from './saml/session-claims.js'
import { AWS_ATTRIBUTE, nameQualifier, samlContext, subjectType } from './saml/saml-keys.js'
import { invalidToken, parseResponse, verifiedAssertion } from './saml/verify-response.js'
import { validateSaml } from './saml-input.js'
import { checkSessionPolicies, packedPolicySize } from './session-policies.js'

/**
 * AssumeRoleWithSAML (STS API Reference): an unsigned call whose credential is a SAML 2.0
 * Response from the identity provider of an IAM SAML provider (PrincipalArn). Its signature must
 * verify with a certificate of the provider's metadata, its validity must hold, its Role
 * attribute must pair RoleArn with PrincipalArn, and then the role's trust policy decides with
 * the `saml:*` keys ("Available keys for SAML-based AWS STS federation"). The session lasts
 * DurationSeconds (default one hour, at most the role's maximum), shortened by the assertion's
 * SessionDuration and SessionNotOnOrAfter; PrincipalTag attributes become session tags.
 */

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success'
const PROVIDER_ARN = /^arn:aws:iam::(\d{12}):saml-provider\/([\w.-]+)$/

const DENIED = 'Not authorized to perform sts:AssumeRoleWithSAML'
const denied = () => new AwsServiceError('AccessDenied', 403, DENIED)

function findProvider(ctx: FederationContext, principalArn: string): { provider: SamlProviderEntity; accountId: string } {
  const m = PROVIDER_ARN.exec(principalArn)
  const provider = m ? ctx.state.accounts.get(m[1]!)?.samlProviders?.find((p) => p.arn === principalArn) : undefined
  if (!provider) throw invalidToken("Specified provider doesn't exist")
  return { provider, accountId: m![1]! }
}

/** Whether the Role attribute pairs the role with the provider (either order, as IdPs write it). */
function rolePaired(claims: SamlClaims, roleArn: string, principalArn: string): boolean {
  return (claims.attributes.get(AWS_ATTRIBUTE.role) ?? []).some((v) => {
    const parts = v.split(',').map((p) => p.trim())
    return parts.length === 2 && parts.includes(roleArn) && parts.includes(principalArn) && roleArn !== principalArn
  })
}

function trustContext(claims: SamlClaims, session: SamlSessionClaims, accountId: string, provider: SamlProviderEntity): Record<string, ContextValue | undefined> {
  const ctx = samlContext(claims, accountId, provider.name)
  ctx['aws:FederatedProvider'] = provider.arn
  ctx['sts:RoleSessionName'] = session.sessionName
  ctx['sts:SourceIdentity'] = session.sourceIdentity
  if (session.tags.length) {
    for (const t of session.tags) ctx[`aws:RequestTag/${t.Key}`] = t.Value
    ctx['aws:TagKeys'] = session.tags.map((t) => t.Key)
  }
  if (session.transitiveTagKeys.length) ctx['sts:TransitiveTagKeys'] = session.transitiveTagKeys
  return ctx
}

export const assumeRoleWithSAML: FederationOperation<Record<string, unknown>> = (ctx, raw) => {
  const input = validateSaml(raw)
  checkSessionPolicies(input.policy, input.policyArns)
  const { provider, accountId } = findProvider(ctx, input.principalArn)

  const parsed = parseResponse(input.assertion)
  const metadata = checkSamlMetadata(provider.metadata)
  const claims = assertionClaims(verifiedAssertion(parsed, metadata.certificates))
  if (parsed.status !== undefined && parsed.status !== SUCCESS) {
    throw new AwsServiceError('IDPRejectedClaim', 403, `The identity provider reported that authentication failed (${parsed.status}).`)
  }
  if (metadata.entityId !== undefined && metadata.entityId !== claims.issuer) throw invalidToken('Issuer not present in specified provider')
  checkValidity(claims, ctx.now)
  const session = samlSession(claims)
  if (claims.nameId === undefined || claims.nameId === '') throw denied()
  if (!rolePaired(claims, input.roleArn, input.principalArn)) throw denied()

  const role = visibleRole(ctx.state, ctx.now, input.roleArn)
  if (!role || parseRoleArn(role.arn)?.account !== accountId) throw denied()
  const context = trustContext(claims, session, accountId, provider)
  const principal = { type: 'Anonymous' as const, arn: provider.arn, accountId, userId: claims.nameId, identityProvider: provider.arn }
  const trust = { principal, roleArn: role.arn, resourceAccount: accountId, trustPolicy: role.trustPolicy, context, message: DENIED }
  ctx.authorizeTrust({ ...trust, action: 'sts:AssumeRoleWithSAML' })
  if (session.tags.length || session.transitiveTagKeys.length) ctx.authorizeTrust({ ...trust, action: 'sts:TagSession' })
  if (session.sourceIdentity !== undefined) ctx.authorizeTrust({ ...trust, action: 'sts:SetSourceIdentity' })

  if (input.duration !== undefined && input.duration > role.maxSessionDuration) {
    throw new AwsServiceError('ValidationError', 400, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')
  }
  // "Your role session lasts for the duration that you specify, or until the time specified in
  // the SAML authentication response's SessionNotOnOrAfter value, whichever is shorter"; the
  // SessionDuration attribute "can be used to shorten the duration of the session".
  let expiration = ctx.now + (input.duration ?? 3600) * 1000
  if (session.sessionDuration !== undefined) expiration = Math.min(expiration, ctx.now + session.sessionDuration * 1000)
  if (claims.sessionNotOnOrAfter !== undefined) expiration = Math.min(expiration, claims.sessionNotOnOrAfter)
  if (expiration <= ctx.now) throw new AwsServiceError('ExpiredTokenException', 400, EXPIRED)
  const packed = packedPolicySize(input.policy, input.policyArns, session.tags)
  const sessionPolicy = input.policy !== undefined || input.policyArns.length ? { ...(input.policy !== undefined ? { inline: input.policy } : {}), arns: input.policyArns } : undefined
  const issued = issueSession(ctx.state, ctx.now, {
    expiration,
    kind: 'assumed-role',
    accountId,
    roleId: role.id,
    roleName: role.name,
    roleArn: role.arn,
    sessionName: session.sessionName,
    ...(sessionPolicy ? { sessionPolicy } : {}),
    ...(session.tags.length ? { sessionTags: session.tags } : {}),
    ...(session.transitiveTagKeys.length ? { transitiveTagKeys: session.transitiveTagKeys } : {}),
    ...(session.sourceIdentity !== undefined ? { sourceIdentity: session.sourceIdentity } : {}),
    federatedProvider: provider.arn,
    chained: false,
    mfa: false,
    parentAccessKeyId: '',
  })
  const type = subjectType(claims.nameIdFormat)
  return {
    Credentials: credentialsOutput(issued),
    AssumedRoleUser: { AssumedRoleId: `${role.id}:${session.sessionName}`, Arn: arns.assumedRole(accountId, role.name, session.sessionName) },
    ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
    Subject: claims.nameId,
    ...(type !== undefined ? { SubjectType: type } : {}),
    Issuer: claims.issuer,
    Audience: claims.recipient,
    NameQualifier: nameQualifier(claims.issuer, accountId, provider.name),
    ...(session.sourceIdentity !== undefined ? { SourceIdentity: session.sourceIdentity } : {}),
  }
}
