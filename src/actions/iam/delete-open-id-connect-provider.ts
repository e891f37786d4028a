import type { DeleteOpenIDConnectProviderCommandInput, DeleteOpenIDConnectProviderCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteOpenIDConnectProvider`: delete an OIDC identity provider (idempotent: a provider
 * that does not exist is not an error). Roles that trust it can no longer be assumed with its tokens.
 */
export const deleteOpenIDConnectProvider = defineAction<DeleteOpenIDConnectProviderCommandInput, DeleteOpenIDConnectProviderCommandOutput>({
  name: 'iam.deleteOpenIDConnectProvider',
  service: 'iam',
  command: 'DeleteOpenIDConnectProviderCommand',
  description: 'Delete an OpenID Connect identity provider (no error when it does not exist).',
  input: modelInput('iam', 'DeleteOpenIDConnectProvider', {
    describe: { OpenIDConnectProviderArn: 'ARN of the provider (arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH).' },
    examples: { OpenIDConnectProviderArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
  }),
  output: outputSchema({}),
  changes: ['trust'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteOpenIDConnectProvider', input, ctx.signal)
  },
})
