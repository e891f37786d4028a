import type { AssumeRoleWithWebIdentityCommandInput, AssumeRoleWithWebIdentityCommandOutput } from '@aws-sdk/client-sts'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { int, map, obj, outputSchema, str } from '../schema.js'
import { sessionIdentity } from '../outcome.js'
import * as s from './shapes.js'

/**
 * `sts.assumeRoleWithWebIdentity`: exchange an OIDC ID token for a role session (no AWS
 * credentials needed: the SDK sends it unsigned); the output gives an identity.
 */
export const assumeRoleWithWebIdentity = defineAction<WithDocuments<AssumeRoleWithWebIdentityCommandInput, 'Policy'>, AssumeRoleWithWebIdentityCommandOutput>({
  name: 'sts.assumeRoleWithWebIdentity',
  service: 'sts',
  command: 'AssumeRoleWithWebIdentityCommand',
  description: 'Exchange an OIDC ID token for a role session (unsigned call); the output gives an identity.',
  input: modelInput('sts', 'AssumeRoleWithWebIdentity', {
    describe: {
      RoleArn: 'ARN of the role to assume (its trust policy names the OIDC provider as Federated principal).',
      RoleSessionName: 'Name of the session (appears in the assumed-role ARN).',
      WebIdentityToken: 'The OIDC ID token (a JWT; on the emulator, from iamflow.issueOidcToken).',
      ProviderId: 'OAuth 2.0 providers only (www.amazon.com, graph.facebook.com); omit for OIDC.',
      PolicyArns: 'Managed session policies (at most 10), each { arn }.',
      'PolicyArns.arn': 'The Amazon Resource Name (ARN) of the IAM managed policy to use as a session policy for the role.',
      DurationSeconds: 'Session length in seconds (900..43200, at most the role\'s MaxSessionDuration; default 3600).',
    },
    override: {
      Policy: policyDocumentSchema('Inline session policy: the session may do only what both it and the role allow.'),
    },
    sdkOnly: {
      MinimumSessionTokenSize: { type: 'integer', minimum: 0, maximum: 4096, description: 'Pad the session token to at least this many bytes (0: unchanged).' },
    },
    examples: { WebIdentityToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmFjbWUvYXBwIn0.c2ln' },
  }),
  output: outputSchema({
    Credentials: s.credentials,
    SubjectFromWebIdentityToken: str,
    AssumedRoleUser: obj({ AssumedRoleId: str, Arn: str }),
    PackedPolicySize: int,
    Provider: str,
    Audience: str,
    SourceIdentity: str,
    SessionTokenUtilization: int,
    SessionTokenSize: int,
    TrustedIdentityPropagationContext: obj({
      OriginIdentity: obj({ Subject: str, SubjectType: str, Issuer: str, FederatedProviderArn: str }),
      TransactionContext: obj({ IdentityProvider: map(str) }),
    }),
  }),
  changes: [],
  run: async (ctx, input) => {
    return ctx.clients.call('sts', 'AssumeRoleWithWebIdentity', { ...input, Policy: toPolicyText(input.Policy) }, ctx.signal)
  },
  identity: (output) => sessionIdentity('sts.assumeRoleWithWebIdentity', output.Credentials, output.AssumedRoleUser?.Arn),
})
