import type { CreateSAMLProviderCommandInput, CreateSAMLProviderCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, obj, outputSchema, str } from '../schema.js'
import { required, undoCall } from '../outcome.js'
import { SAML_METADATA_EXAMPLE } from './saml-metadata-example.js'

/**
 * `iam.createSAMLProvider`: register a SAML 2.0 identity provider from its metadata document
 * (its ARN is `arn:aws:iam::ACCOUNT:saml-provider/NAME`). Undone by `iam.deleteSAMLProvider`.
 */
export const createSAMLProvider = defineAction<CreateSAMLProviderCommandInput, CreateSAMLProviderCommandOutput>({
  name: 'iam.createSAMLProvider',
  service: 'iam',
  command: 'CreateSAMLProviderCommand',
  description: 'Register a SAML 2.0 identity provider from its metadata (SAML federation).',
  input: modelInput('iam', 'CreateSAMLProvider', {
    describe: {
      SAMLMetadataDocument: "The IdP's SAML metadata XML: entity ID and signing certificate (on the emulator, from iamflow.getSamlIdpMetadata).",
      Name: 'Name of the provider (the last part of its ARN).',
      Tags: 'Tags to attach to the provider.',
      'Tags.Key': 'Tag key.',
      'Tags.Value': 'Tag value.',
      AssertionEncryptionMode: 'Required or Allowed: whether assertions must be encrypted.',
      AddPrivateKey: 'Private key for decrypting encrypted assertions.',
    },
    examples: { SAMLMetadataDocument: SAML_METADATA_EXAMPLE, Name: 'campus-idp' },
  }),
  output: outputSchema({ SAMLProviderArn: str, Tags: list(obj({ Key: str, Value: str })) }),
  creates: true,
  createsName: { member: 'Name', kind: 'saml-provider' },
  changes: ['trust'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'CreateSAMLProvider', input, ctx.signal)
  },
  // The ARN follows from the account and the name.
  recover: async (input, { accountId }) => {
    if (typeof input.Name !== 'string') return undefined
    return [{ action: 'iam.deleteSAMLProvider', input: { SAMLProviderArn: `arn:aws:iam::${accountId}:saml-provider/${input.Name}` } }]
  },
  // Nothing blocks deleting a provider (roles that trust it just stop matching).
  dependents: 'none',
  taggable: true,
  sweep: {
    list: { action: 'iam.listSAMLProviders', input: {}, member: 'SAMLProviderList' },
    tags: (provider) => ({ action: 'iam.listSAMLProviderTags', input: { SAMLProviderArn: provider.Arn } }),
    undo: (provider) => ({ action: 'iam.deleteSAMLProvider', input: { SAMLProviderArn: provider.Arn } }),
  },
  undoActions: ['iam.deleteSAMLProvider'],
  undo: (_input, output) => undoCall('iam.deleteSAMLProvider', { SAMLProviderArn: required(output.SAMLProviderArn, 'iam.createSAMLProvider', 'SAMLProviderArn') }),
})
