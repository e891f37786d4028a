import type { Operation } from '../types.js'
import { param, requireRoot } from './issuer-params.js'
import { checkIssuerName, samlIssuer, samlMetadataDocument } from './saml/idp-keys.js'

/**
 * `IamflowGetSamlIdpMetadata`: iamflow's own operation (not AWS's), on the emulator's STS
 * endpoint only. The emulator plays the SAML identity provider named `Issuer` (its entity ID)
 * in the caller's account and returns that IdP's SAML 2.0 metadata: the document a scenario
 * gives to `iam.createSAMLProvider`. The signing key is made on the first call and kept in the
 * state; the metadata holds only its certificate. Only the account root may ask.
 */
export const getSamlIdpMetadata: Operation<Record<string, unknown>> = async (ctx, raw) => {
  requireRoot(ctx, 'act as a SAML identity provider')
  const issuer = checkIssuerName(param(raw, 'Issuer'))
  const account = ctx.caller.account
  const { entity, created } = await samlIssuer(account, issuer, ctx.now)
  // A new key changes the account's own fields: a keyed store lets the journal record it.
  if (created) ctx.state.accounts.set(account.id, account)
  return { SAMLMetadataDocument: samlMetadataDocument(entity) }
}
