import type { AssumeRoleWithSAMLCommandInput, AssumeRoleWithSAMLCommandOutput } from '@aws-sdk/client-sts'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { int, map, obj, outputSchema, str } from '../schema.js'
import { sessionIdentity } from '../outcome.js'
import * as s from './shapes.js'

/**
 * `sts.assumeRoleWithSAML`: exchange a SAML 2.0 authentication response for a role session (no
 * AWS credentials needed: the SDK sends it unsigned); the output gives an identity.
 */
export const assumeRoleWithSAML = defineAction<WithDocuments<AssumeRoleWithSAMLCommandInput, 'Policy'>, AssumeRoleWithSAMLCommandOutput>({
  name: 'sts.assumeRoleWithSAML',
  service: 'sts',
  command: 'AssumeRoleWithSAMLCommand',
  description: 'Exchange a SAML 2.0 assertion (base64 Response) for a role session (unsigned call); the output gives an identity.',
  input: modelInput('sts', 'AssumeRoleWithSAML', {
    describe: {
      RoleArn: 'ARN of the role to assume (its trust policy names the SAML provider as Federated principal).',
      PrincipalArn: 'ARN of the IAM SAML provider (arn:aws:iam::ACCOUNT:saml-provider/NAME) whose metadata certificate signed the assertion.',
      SAMLAssertion: 'The base64 SAML Response (on the emulator, from iamflow.issueSamlAssertion); its Role attribute must pair RoleArn with PrincipalArn.',
      PolicyArns: 'Managed session policies (at most 10), each { arn }.',
      'PolicyArns.arn': 'The Amazon Resource Name (ARN) of the IAM managed policy to use as a session policy for the role.',
      DurationSeconds: "Session length in seconds (900..43200, at most the role's MaxSessionDuration; default 3600), shortened by the assertion's SessionDuration and SessionNotOnOrAfter.",
    },
    override: {
      Policy: policyDocumentSchema('Inline session policy: the session may do only what both it and the role allow.'),
    },
    sdkOnly: {
      MinimumSessionTokenSize: { type: 'integer', minimum: 0, maximum: 4096, description: 'Pad the session token to at least this many bytes (0: unchanged).' },
    },
    examples: { SAMLAssertion: 'PHNhbWxwOlJlc3BvbnNlIC4uLiAvPg==', PrincipalArn: 'arn:aws:iam::123456789012:saml-provider/campus-idp' },
  }),
  output: outputSchema({
    Credentials: s.credentials,
    AssumedRoleUser: obj({ AssumedRoleId: str, Arn: str }),
    PackedPolicySize: int,
    Subject: str,
    SubjectType: str,
    Issuer: str,
    Audience: str,
    NameQualifier: str,
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
    return ctx.clients.call('sts', 'AssumeRoleWithSAML', { ...input, Policy: toPolicyText(input.Policy) }, ctx.signal)
  },
  identity: (output) => sessionIdentity('sts.assumeRoleWithSAML', output.Credentials, output.AssumedRoleUser?.Arn),
})
