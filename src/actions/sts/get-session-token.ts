import type { GetSessionTokenCommandInput, GetSessionTokenCommandOutput } from '@aws-sdk/client-sts'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { int, outputSchema } from '../schema.js'
import { sessionIdentity } from '../outcome.js'
import * as s from './shapes.js'

/**
 * `sts.getSessionToken`: temporary credentials for the calling IAM user (optionally MFA-authenticated); the output gives an identity.
 * The session acts as the user itself; its ARN is the user's (resolved later, e.g. by sts.getCallerIdentity).
 */
export const getSessionToken = defineAction<GetSessionTokenCommandInput, GetSessionTokenCommandOutput>({
  name: 'sts.getSessionToken',
  service: 'sts',
  command: 'GetSessionTokenCommand',
  description: 'Temporary credentials for the calling IAM user (optionally MFA-authenticated); the output gives an identity.',
  input: modelInput('sts', 'GetSessionToken', {
    describe: {
      DurationSeconds: 'Session length in seconds (900..129600, default 43200; root: at most 3600).',
    },
    sdkOnly: {
      MinimumSessionTokenSize: { type: 'integer', minimum: 0, maximum: 4096, description: 'Pad the session token to at least this many bytes (0: unchanged).' },
    },
  }),
  output: outputSchema({ Credentials: s.credentials, SessionTokenUtilization: int, SessionTokenSize: int }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('sts', 'GetSessionToken', input, ctx.signal)
  },
  identity: (output) => sessionIdentity('sts.getSessionToken', output.Credentials),
})
