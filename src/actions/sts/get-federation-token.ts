import type { GetFederationTokenCommandInput, GetFederationTokenCommandOutput } from '@aws-sdk/client-sts'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { WithDocuments } from '../policy-document.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import { int, obj, outputSchema, str } from '../schema.js'
import { sessionIdentity } from '../outcome.js'
import * as s from './shapes.js'

/**
 * `sts.getFederationToken`: a federated user session for the calling IAM user; the output gives
 * an identity (`arn:aws:sts::ACCOUNT:federated-user/NAME`) whose permissions are the user's
 * intersected with the session policies passed (none passed: no permissions).
 */
export const getFederationToken = defineAction<WithDocuments<GetFederationTokenCommandInput, 'Policy'>, GetFederationTokenCommandOutput>({
  name: 'sts.getFederationToken',
  service: 'sts',
  command: 'GetFederationTokenCommand',
  description: 'A federated user session for the calling IAM user (user policies ∩ session policies); the output gives an identity.',
  input: modelInput('sts', 'GetFederationToken', {
    describe: {
      Name: 'Name of the federated user (its ARN is arn:aws:sts::ACCOUNT:federated-user/NAME).',
      PolicyArns: 'Managed session policies (at most 10), each { arn }.',
      'PolicyArns.arn': 'The Amazon Resource Name (ARN) of the IAM managed policy to use as a session policy.',
      DurationSeconds: 'Session length in seconds (900..129600, default 43200; root: at most 3600).',
      Tags: 'Session tags.',
      'Tags.Key': 'Tag key.',
      'Tags.Value': 'Tag value.',
    },
    override: {
      Policy: policyDocumentSchema('Inline session policy: without one (or PolicyArns) the session has no permissions.'),
    },
    examples: { Name: 'alice' },
    sdkOnly: {
      MinimumSessionTokenSize: { type: 'integer', minimum: 0, maximum: 4096, description: 'Pad the session token to at least this many bytes (0: unchanged).' },
    },
  }),
  output: outputSchema({
    Credentials: s.credentials,
    FederatedUser: obj({ FederatedUserId: str, Arn: str }),
    PackedPolicySize: int,
    SessionTokenUtilization: int,
    SessionTokenSize: int,
  }),
  changes: [],
  run: async (ctx, input) => {
    return ctx.clients.call('sts', 'GetFederationToken', { ...input, Policy: toPolicyText(input.Policy) }, ctx.signal)
  },
  identity: (output) => sessionIdentity('sts.getFederationToken', output.Credentials, output.FederatedUser?.Arn),
})
