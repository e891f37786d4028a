import { defineAction } from '../define-action.js'
import { outputSchema, str, timestamp } from '../schema.js'
import { emulatorClient, metadataOf } from './emulator-only.js'

/** Input of `iamflow.issueSamlAssertion`. */
export interface IssueSamlAssertionInput {
  Issuer: string
  Subject: string
  SubjectFormat?: string
  Audience?: string
  Recipient?: string
  ExpiresInSeconds?: number
  Roles?: string[]
  RoleSessionName?: string
  SessionDuration?: number
  PrincipalTags?: Record<string, string>
  TransitiveTagKeys?: string[]
  SourceIdentity?: string
  Attributes?: Record<string, string | string[]>
}

/** Output of `iamflow.issueSamlAssertion` (SAMLAssertion is a bearer credential: redacted in reports). */
export interface IssueSamlAssertionOutput {
  SAMLAssertion: string
  NotOnOrAfter: Date
  $metadata: Record<string, unknown>
}

const text = (description: string, max = 2048) => ({ type: 'string', maxLength: max, description })

/**
 * `iamflow.issueSamlAssertion`: the emulator, as the SAML IdP of an issuer name (see
 * `iamflow.getSamlIdpMetadata`), signs (RSA-SHA256, exclusive c14n) a SAML 2.0 Response with
 * the chosen subject, audience, validity and attributes, for `sts.assumeRoleWithSAML`.
 * Emulator only: no real identity provider is reachable offline, and AWS has no such call.
 */
export const issueSamlAssertion = defineAction<IssueSamlAssertionInput, IssueSamlAssertionOutput>({
  name: 'iamflow.issueSamlAssertion',
  service: 'iamflow',
  emulatorOnly: true,
  description: 'Emulator only: a signed SAML 2.0 Response (base64) from the IdP the emulator plays, with chosen subject, audience, validity and attributes.',
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Issuer', 'Subject'],
    properties: {
      Issuer: { type: 'string', minLength: 1, maxLength: 1024, examples: ['https://idp.example.com/saml'], description: "The IdP's entity ID, as in the metadata given to iam.createSAMLProvider." },
      Subject: { type: 'string', minLength: 1, maxLength: 2048, examples: ['alice'], description: 'The NameID (saml:sub, the Subject output).' },
      SubjectFormat: text("The NameID Format (saml:sub_type): persistent (default), transient, emailAddress, unspecified or a full URI."),
      Audience: text('The AudienceRestriction Audience (default https://signin.aws.amazon.com/saml).'),
      Recipient: text("The SubjectConfirmationData Recipient (saml:aud; default https://signin.aws.amazon.com/saml)."),
      ExpiresInSeconds: { type: 'integer', minimum: -86400, maximum: 86400, description: 'Validity from now (default 300); zero or negative gives an already expired assertion.' },
      Roles: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 2048 }, examples: [['arn:aws:iam::123456789012:role/r,arn:aws:iam::123456789012:saml-provider/p']], description: 'Values of the https://aws.amazon.com/SAML/Attributes/Role attribute: "ROLE_ARN,PROVIDER_ARN" pairs.' },
      RoleSessionName: text('The RoleSessionName attribute (required by AssumeRoleWithSAML: 2 to 64 of [\\w+=,.@-]).'),
      SessionDuration: { type: 'integer', minimum: 0, maximum: 1000000, description: 'The SessionDuration attribute (900..43200 seconds: shortens the session).' },
      PrincipalTags: { type: 'object', additionalProperties: { type: 'string', maxLength: 2048 }, description: 'Session tags: one PrincipalTag:KEY attribute per member.' },
      TransitiveTagKeys: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 2048 }, description: 'The TransitiveTagKeys attribute (keys of PrincipalTags).' },
      SourceIdentity: text('The SourceIdentity attribute.'),
      Attributes: {
        type: 'object',
        additionalProperties: { anyOf: [{ type: 'string', maxLength: 2048 }, { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 2048 } }] },
        description: 'Other attributes by Name (e.g. urn:oid:1.3.6.1.4.1.5923.1.1.1.1 for saml:edupersonaffiliation), each a value or a list of values.',
      },
    },
  },
  output: outputSchema({ SAMLAssertion: str, NotOnOrAfter: timestamp }),
  readOnly: true,
  run: async (ctx, input) => {
    const client = emulatorClient(ctx, 'iamflow.issueSamlAssertion')
    const params: Record<string, string> = { Issuer: input.Issuer, Subject: input.Subject }
    for (const k of ['SubjectFormat', 'Audience', 'Recipient', 'RoleSessionName', 'SourceIdentity'] as const) {
      const v = input[k]
      if (v !== undefined) params[k] = v
    }
    for (const k of ['ExpiresInSeconds', 'SessionDuration'] as const) {
      const v = input[k]
      if (v !== undefined) params[k] = String(v)
    }
    for (const k of ['Roles', 'PrincipalTags', 'TransitiveTagKeys', 'Attributes'] as const) {
      const v = input[k]
      if (v !== undefined) params[k] = JSON.stringify(v)
    }
    const out = await client.call('IamflowIssueSamlAssertion', params, ctx.signal)
    return { SAMLAssertion: out.SAMLAssertion ?? '', NotOnOrAfter: new Date(out.NotOnOrAfter ?? 0), $metadata: metadataOf(out) }
  },
})
