import { randomUUID } from 'node:crypto'
import { ownGet } from '../../../safe-object.js'
import { findOidcProviderByIssuer, issuerKey } from '../iam/oidc-providers.js'
import { AwsServiceError, type Operation } from '../types.js'
import { scalarOf } from '../validation-message.js'
import { requireRoot } from './issuer-params.js'
import { signJwt } from './jwt.js'

/**
 * `IamflowIssueOidcToken`: iamflow's own operation (not AWS's), served on the STS endpoint of
 * the emulator only. No real identity provider is reachable offline, so the emulator acts as
 * the issuer of the OIDC providers registered in it: it signs (RS256) an ID token with the
 * claims asked for, with the key AssumeRoleWithWebIdentity verifies against. Only the account's
 * root (the scenario's operator) may ask: the issuer stands for an identity provider outside the
 * account, and a token from it opens every role that trusts the provider, so a user or role
 * session that could mint one would escalate its own privileges. The issuer must be a provider
 * of the caller's account.
 */

/** Longest lifetime a token may be given, either way (an expired token is a lab's test case). */
const MAX_LIFETIME_SECONDS = 86_400
/** Claims JSON limit (a GitHub Actions token's claims are about 1 KB). */
const MAX_CLAIMS_CHARS = 8192
/** Claims the operation sets itself. */
const RESERVED = new Set(['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti'])

const bad = (message: string) => new AwsServiceError('InvalidParameterValue', 400, message)

function extraClaims(text: string | undefined): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>
  if (text === undefined) return out
  if (text.length > MAX_CLAIMS_CHARS) throw bad(`Claims must be at most ${MAX_CLAIMS_CHARS} characters of JSON.`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw bad('Claims must be a JSON object.')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad('Claims must be a JSON object.')
  for (const [k, v] of Object.entries(value)) {
    if (RESERVED.has(k)) throw bad(`Claims must not set ${k}: give it as its own parameter.`)
    out[k] = v
  }
  return out
}

export const issueOidcToken: Operation<Record<string, unknown>> = async (ctx, raw) => {
  requireRoot(ctx, 'issue OIDC tokens')
  const s = (k: string) => scalarOf(ownGet(raw, k))
  const issuer = s('Issuer')
  const subject = s('Subject')
  const audience = s('Audience')
  if (!issuer || !subject || !audience) throw bad('Issuer, Subject and Audience are required.')
  const expiresText = s('ExpiresInSeconds')
  const expiresIn = expiresText === undefined ? 3600 : Number(expiresText)
  if (!Number.isInteger(expiresIn) || Math.abs(expiresIn) > MAX_LIFETIME_SECONDS) {
    throw bad(`ExpiresInSeconds must be an integer from -${MAX_LIFETIME_SECONDS} to ${MAX_LIFETIME_SECONDS}.`)
  }
  const claims = extraClaims(s('Claims'))
  const account = ctx.caller.account
  const provider = findOidcProviderByIssuer(account, issuer)
  if (!provider) {
    throw bad(`No OpenID Connect provider for ${issuer} is registered in account ${account.id}: create it first (iam.createOpenIDConnectProvider).`)
  }
  const hadKey = provider.signingKey !== undefined
  const key = await issuerKey(provider)
  // A new key changes the account's own fields: a keyed store lets the journal record it.
  if (!hadKey) ctx.state.accounts.set(account.id, account)
  const now = Math.floor(ctx.now / 1000)
  const exp = now + expiresIn
  // An expired token is issued as if it had been valid for an hour before it expired.
  const iat = Math.min(now, exp - 3600)
  const token = signJwt({ ...claims, iss: provider.url, sub: subject, aud: audience, iat, nbf: iat, exp, jti: randomUUID() }, key)
  return { Token: token, Expiration: new Date(exp * 1000) }
}
