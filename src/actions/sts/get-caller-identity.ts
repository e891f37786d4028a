import type { GetCallerIdentityCommandInput, GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema, str } from '../schema.js'

/**
 * `sts.getCallerIdentity`: who signs the call: account, ARN and unique ID of the caller (needs no permission).
 */
export const getCallerIdentity = defineAction<GetCallerIdentityCommandInput, GetCallerIdentityCommandOutput>({
  name: 'sts.getCallerIdentity',
  service: 'sts',
  command: 'GetCallerIdentityCommand',
  description: 'Who signs the call: account, ARN and unique ID of the caller (needs no permission).',
  input: modelInput('sts', 'GetCallerIdentity'),
  output: outputSchema({ UserId: str, Account: str, Arn: str }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('sts', 'GetCallerIdentity', input, ctx.signal)
  },
})
