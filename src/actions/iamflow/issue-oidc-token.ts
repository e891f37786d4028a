import { defineAction } from '../define-action.js'
import { emulatorClient, metadataOf } from './emulator-only.js'
import { outputSchema, str, timestamp } from '../schema.js'

/** Input of `iamflow.issueOidcToken`. */
export interface IssueOidcTokenInput {
  Issuer: string
  Subject: string
  Audience: string
  ExpiresInSeconds?: number
  Claims?: Record<string, unknown>
}

/** Output of `iamflow.issueOidcToken` (Token is a bearer credential: redacted in reports). */
export interface IssueOidcTokenOutput {
  Token: string
  Expiration: Date
  $metadata: Record<string, unknown>
}

/**
 * `iamflow.issueOidcToken`: the emulator, acting as the issuer of an OIDC provider registered in
 * it, signs (RS256) an ID token with the chosen claims, for `sts.assumeRoleWithWebIdentity`.
 * Emulator only: no real identity provider is reachable offline, and AWS has no such call.
 */
export const issueOidcToken = defineAction<IssueOidcTokenInput, IssueOidcTokenOutput>({
  name: 'iamflow.issueOidcToken',
  service: 'iamflow',
  emulatorOnly: true,
  description: 'Emulator only: sign an OIDC ID token (JWT, RS256) for a registered OIDC provider, with chosen claims.',
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Issuer', 'Subject', 'Audience'],
    properties: {
      Issuer: { type: 'string', pattern: '^https://', maxLength: 255, examples: ['https://token.actions.githubusercontent.com'], description: 'Issuer URL (the `iss` claim): the Url of an OIDC provider created in the acting account, e.g. https://token.actions.githubusercontent.com.' },
      Subject: { type: 'string', minLength: 1, maxLength: 255, examples: ['repo:acme/app:ref:refs/heads/main'], description: 'The `sub` claim (GitHub Actions: repo:ORG/REPO:ref:refs/heads/main).' },
      Audience: { type: 'string', minLength: 1, maxLength: 255, examples: ['sts.amazonaws.com'], description: 'The `aud` claim (a client ID of the provider, e.g. sts.amazonaws.com).' },
      ExpiresInSeconds: { type: 'integer', minimum: -86400, maximum: 86400, description: 'Lifetime from now (default 3600); zero or negative gives an already expired token.' },
      Claims: { type: 'object', description: 'Extra claims (e.g. repository, ref, amr); not iss, sub, aud, exp, iat, nbf or jti.' },
    },
  },
  output: outputSchema({ Token: str, Expiration: timestamp }),
  readOnly: true,
  run: async (ctx, input) => {
    const client = emulatorClient(ctx, 'iamflow.issueOidcToken')
    const params: Record<string, string> = { Issuer: input.Issuer, Subject: input.Subject, Audience: input.Audience }
    if (input.ExpiresInSeconds !== undefined) params.ExpiresInSeconds = String(input.ExpiresInSeconds)
    if (input.Claims !== undefined) params.Claims = JSON.stringify(input.Claims)
    const out = await client.call('IamflowIssueOidcToken', params, ctx.signal)
    return { Token: out.Token ?? '', Expiration: new Date(out.Expiration ?? 0), $metadata: metadataOf(out) }
  },
})
