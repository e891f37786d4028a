import type { CreateOpenIDConnectProviderCommandInput, CreateOpenIDConnectProviderCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, obj, outputSchema, str } from '../schema.js'
import { required, undoCall } from '../outcome.js'

/** `https://host/path` -> the provider ARN's resource part (`oidc-provider/host/path`). */
const providerPath = (url: string): string => url.replace(/^https:\/\//i, '').replace(/\/+$/, '')

/**
 * `iam.createOpenIDConnectProvider`: register an OIDC identity provider (its ARN is
 * `arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH`). Undone by `iam.deleteOpenIDConnectProvider`.
 */
export const createOpenIDConnectProvider = defineAction<CreateOpenIDConnectProviderCommandInput, CreateOpenIDConnectProviderCommandOutput>({
  name: 'iam.createOpenIDConnectProvider',
  service: 'iam',
  command: 'CreateOpenIDConnectProviderCommand',
  description: 'Register an OpenID Connect identity provider (web identity federation).',
  input: modelInput('iam', 'CreateOpenIDConnectProvider', {
    describe: {
      Url: 'Issuer URL, beginning with https:// (the token\'s iss claim), e.g. https://token.actions.githubusercontent.com.',
      ClientIDList: 'Client IDs (audiences) the provider\'s tokens may carry, e.g. sts.amazonaws.com (at most 100).',
      ThumbprintList: 'Server certificate thumbprints (40 hex characters each, at most 5; optional).',
      Tags: 'Tags to attach to the provider.',
      'Tags.Key': 'Tag key.',
      'Tags.Value': 'Tag value.',
    },
    examples: { Url: 'https://token.actions.githubusercontent.com' },
  }),
  output: outputSchema({ OpenIDConnectProviderArn: str, Tags: list(obj({ Key: str, Value: str })) }),
  creates: true,
  createsName: { member: 'Url', kind: 'oidc-provider' },
  changes: ['trust'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'CreateOpenIDConnectProvider', input, ctx.signal)
  },
  // The ARN follows from the account and the URL.
  recover: async (input, { accountId }) => {
    if (typeof input.Url !== 'string') return undefined
    return [{ action: 'iam.deleteOpenIDConnectProvider', input: { OpenIDConnectProviderArn: `arn:aws:iam::${accountId}:oidc-provider/${providerPath(input.Url)}` } }]
  },
  // Nothing blocks deleting a provider (roles that trust it just stop matching).
  dependents: 'none',
  taggable: true,
  sweep: {
    list: { action: 'iam.listOpenIDConnectProviders', input: {}, member: 'OpenIDConnectProviderList' },
    tags: (provider) => ({ action: 'iam.listOpenIDConnectProviderTags', input: { OpenIDConnectProviderArn: provider.Arn } }),
    undo: (provider) => ({ action: 'iam.deleteOpenIDConnectProvider', input: { OpenIDConnectProviderArn: provider.Arn } }),
  },
  undoActions: ['iam.deleteOpenIDConnectProvider'],
  undo: (_input, output) =>
    undoCall('iam.deleteOpenIDConnectProvider', {
      OpenIDConnectProviderArn: required(output.OpenIDConnectProviderArn, 'iam.createOpenIDConnectProvider', 'OpenIDConnectProviderArn'),
    }),
})
