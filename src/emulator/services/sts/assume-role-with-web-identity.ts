import type { ContextValue } from '../../../policy/types.js'
import { arns, parseRoleArn } from '../../arn.js'
import type { OidcProviderEntity } from '../../state/model.js'
import { AwsServiceError } from '../types.js'
import { dict } from '../../../safe-object.js'
import { findOidcProviderByIssuer, providerPath } from '../iam/oidc-providers.js'
import { visibleRole } from './assume-role.js'
import { credentialsOutput, issueSession } from './credentials.js'
import type { FederationOperation } from './federation-context.js'
import { parseJwt, verifyJwt, type ParsedJwt } from './jwt.js'
import { checkSessionPolicies, packedPolicySize } from './session-policies.js'
import { validateWebIdentity } from './web-identity-input.js'

/**
 * AssumeRoleWithWebIdentity (STS API Reference): an unsigned call whose credential is an OIDC
 * ID token. The token must be a JWT signed by the issuer of an OIDC provider registered in the
 * role's account (the emulator holds that issuer's key: see iam/oidc-providers.ts), unexpired,
 * for one of the provider's client IDs; then the role's trust policy decides, with the
 * provider's condition keys (`HOST/PATH:sub`, `:aud`, `:oaud`, `:amr`; IAM User Guide,
 * "Available keys for AWS OIDC federation").
 */

/** Clock skew tolerated for `nbf`/`iat` in the future (seconds). */
const LEEWAY_SECONDS = 60

const invalid = (message: string) => new AwsServiceError('InvalidIdentityToken', 400, message)
const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)'
const NO_KEY = "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"

const stringClaim = (claims: Record<string, unknown>, name: string): string | undefined => {
  const v = Object.hasOwn(claims, name) ? claims[name] : undefined
  return typeof v === 'string' ? v : undefined
}

const numericClaim = (claims: Record<string, unknown>, name: string): number | undefined => {
  const v = Object.hasOwn(claims, name) ? claims[name] : undefined
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

/** The token's audiences (`aud` is a string or a list of strings). */
function audiences(claims: Record<string, unknown>): string[] {
  const aud = Object.hasOwn(claims, 'aud') ? claims.aud : undefined
  if (typeof aud === 'string') return [aud]
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string').slice(0, 100) : []
}

/** Check the token as AWS checks an OIDC ID token; returns the provider and the accepted audience. */
function verifyToken(jwt: ParsedJwt, provider: OidcProviderEntity, now: number): string {
  const key = provider.signingKey
  // No key yet: the emulator never issued a token for this provider, so none can verify.
  if (!key || (jwt.header.kid !== undefined && jwt.header.kid !== key.kid)) throw invalid(NO_KEY)
  if (!verifyJwt(jwt, key.privateKeyPem)) throw invalid('The web identity token signature could not be verified.')
  const nowSeconds = Math.floor(now / 1000)
  const exp = numericClaim(jwt.claims, 'exp')
  if (exp === undefined) throw invalid(NOT_A_JWT)
  if (exp <= nowSeconds) {
    throw new AwsServiceError('ExpiredTokenException', 400, `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${exp}`)
  }
  const nbf = numericClaim(jwt.claims, 'nbf')
  if (nbf !== undefined && nbf > nowSeconds + LEEWAY_SECONDS) throw invalid('The web identity token is not yet valid (nbf).')
  // With an authorized party (`azp`), IAM compares it with the client IDs; otherwise `aud`.
  const azp = stringClaim(jwt.claims, 'azp')
  const candidates = azp !== undefined ? [azp] : audiences(jwt.claims)
  const audience = candidates.find((a) => provider.clientIds.includes(a))
  if (audience === undefined) throw invalid('Incorrect token audience')
  return audience
}

/** The condition keys a web identity request carries into the trust policy. */
function webIdentityContext(jwt: ParsedJwt, provider: OidcProviderEntity, audience: string, sessionName: string): Record<string, ContextValue | undefined> {
  const prefix = providerPath(provider.url)
  const ctx = dict<ContextValue | undefined>()
  ctx[`${prefix}:sub`] = stringClaim(jwt.claims, 'sub')
  ctx[`${prefix}:aud`] = audience
  if (stringClaim(jwt.claims, 'azp') !== undefined) {
    const others = audiences(jwt.claims)
    if (others.length) ctx[`${prefix}:oaud`] = others
  }
  const amr = Object.hasOwn(jwt.claims, 'amr') ? jwt.claims.amr : undefined
  if (typeof amr === 'string') ctx[`${prefix}:amr`] = amr
  else if (Array.isArray(amr)) ctx[`${prefix}:amr`] = amr.filter((a): a is string => typeof a === 'string').slice(0, 100)
  ctx['aws:FederatedProvider'] = provider.arn
  ctx['sts:RoleSessionName'] = sessionName
  return ctx
}

export const assumeRoleWithWebIdentity: FederationOperation<Record<string, unknown>> = (ctx, raw) => {
  const input = validateWebIdentity(raw)
  checkSessionPolicies(input.policy, input.policyArns)
  const jwt = parseJwt(input.token)
  if (!jwt) throw invalid(NOT_A_JWT)
  const issuer = stringClaim(jwt.claims, 'iss')
  if (issuer === undefined) throw invalid(NOT_A_JWT)

  // The provider must be registered in the account of the role.
  const roleAccount = parseRoleArn(input.roleArn)?.account
  const account = roleAccount !== undefined ? ctx.state.accounts.get(roleAccount) : undefined
  const provider = account ? findOidcProviderByIssuer(account, issuer) : undefined
  if (!provider) throw invalid(`No OpenIDConnect provider found in your account for ${issuer}`)
  const audience = verifyToken(jwt, provider, ctx.now)
  const subject = stringClaim(jwt.claims, 'sub')
  if (subject === undefined) throw new AwsServiceError('IDPRejectedClaim', 403, 'The token has no subject (sub) claim.')

  const role = visibleRole(ctx.state, ctx.now, input.roleArn)
  const denied = 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
  if (!role) throw new AwsServiceError('AccessDenied', 403, denied)
  ctx.authorizeTrust({
    principal: { type: 'Anonymous', arn: provider.arn, accountId: account!.id, userId: subject, identityProvider: provider.arn },
    action: 'sts:AssumeRoleWithWebIdentity',
    roleArn: role.arn,
    resourceAccount: account!.id,
    trustPolicy: role.trustPolicy,
    context: webIdentityContext(jwt, provider, audience, input.sessionName),
    message: denied,
  })
  if (input.duration !== undefined && input.duration > role.maxSessionDuration) {
    throw new AwsServiceError('ValidationError', 400, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')
  }
  const seconds = input.duration ?? 3600
  const packed = packedPolicySize(input.policy, input.policyArns, [])
  const sessionPolicy = input.policy !== undefined || input.policyArns.length ? { ...(input.policy !== undefined ? { inline: input.policy } : {}), arns: input.policyArns } : undefined
  const session = issueSession(ctx.state, ctx.now, {
    expiration: ctx.now + seconds * 1000,
    kind: 'assumed-role',
    accountId: account!.id,
    roleId: role.id,
    roleName: role.name,
    roleArn: role.arn,
    sessionName: input.sessionName,
    ...(sessionPolicy ? { sessionPolicy } : {}),
    federatedProvider: provider.arn,
    chained: false,
    mfa: false,
    parentAccessKeyId: '',
  })
  return {
    Credentials: credentialsOutput(session),
    SubjectFromWebIdentityToken: subject,
    AssumedRoleUser: { AssumedRoleId: `${role.id}:${input.sessionName}`, Arn: arns.assumedRole(account!.id, role.name, input.sessionName) },
    ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
    // "For OpenID Connect ID tokens, this contains the value of the iss field" (API Reference).
    Provider: issuer,
    Audience: audience,
  }
}
