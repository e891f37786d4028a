import type { DeleteSAMLProviderCommandInput, DeleteSAMLProviderCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteSAMLProvider`: delete a SAML identity provider. Roles that trust it can no longer
 * be assumed with its assertions.
 */
export const deleteSAMLProvider = defineAction<DeleteSAMLProviderCommandInput, DeleteSAMLProviderCommandOutput>({
  name: 'iam.deleteSAMLProvider',
  service: 'iam',
  command: 'DeleteSAMLProviderCommand',
  description: 'Delete a SAML 2.0 identity provider.',
  input: modelInput('iam', 'DeleteSAMLProvider', {
    describe: { SAMLProviderArn: 'ARN of the provider (arn:aws:iam::ACCOUNT:saml-provider/NAME).' },
    examples: { SAMLProviderArn: 'arn:aws:iam::123456789012:saml-provider/campus-idp' },
  }),
  output: outputSchema({}),
  changes: ['trust'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteSAMLProvider', input, ctx.signal)
  },
})
