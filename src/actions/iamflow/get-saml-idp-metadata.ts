import { defineAction } from '../define-action.js'
import { outputSchema, str } from '../schema.js'
import { emulatorClient, metadataOf } from './emulator-only.js'

/** Input of `iamflow.getSamlIdpMetadata`. */
export interface GetSamlIdpMetadataInput {
  Issuer: string
}

/** Output of `iamflow.getSamlIdpMetadata`: the IdP's metadata (its certificate, never its key). */
export interface GetSamlIdpMetadataOutput {
  SAMLMetadataDocument: string
  $metadata: Record<string, unknown>
}

/**
 * `iamflow.getSamlIdpMetadata`: the SAML 2.0 metadata of the identity provider the emulator
 * plays for an issuer name, for `iam.createSAMLProvider`. Emulator only: no real IdP is
 * reachable offline, and AWS has no such call.
 */
export const getSamlIdpMetadata = defineAction<GetSamlIdpMetadataInput, GetSamlIdpMetadataOutput>({
  name: 'iamflow.getSamlIdpMetadata',
  service: 'iamflow',
  emulatorOnly: true,
  description: "Emulator only: the SAML 2.0 metadata (entity ID, signing certificate) of the IdP the emulator plays for an issuer name, for iam.createSAMLProvider.",
  input: {
    type: 'object',
    additionalProperties: false,
    required: ['Issuer'],
    properties: {
      Issuer: { type: 'string', minLength: 1, maxLength: 1024, examples: ['https://idp.example.com/saml'], description: "The IdP's entity ID (the assertions' Issuer); its key pair is made on first use and kept in the emulator's state." },
    },
  },
  output: outputSchema({ SAMLMetadataDocument: str }),
  readOnly: true,
  run: async (ctx, input) => {
    const out = await emulatorClient(ctx, 'iamflow.getSamlIdpMetadata').call('IamflowGetSamlIdpMetadata', { Issuer: input.Issuer }, ctx.signal)
    return { SAMLMetadataDocument: out.SAMLMetadataDocument ?? '', $metadata: metadataOf(out) }
  },
})
