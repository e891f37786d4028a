import type { GetAccountSummaryCommandInput, GetAccountSummaryCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { int, map, outputSchema } from '../schema.js'

/**
 * `iam.getAccountSummary`: counts and quotas of IAM entities in the account.
 */
export const getAccountSummary = defineAction<GetAccountSummaryCommandInput, GetAccountSummaryCommandOutput>({
  name: 'iam.getAccountSummary',
  service: 'iam',
  command: 'GetAccountSummaryCommand',
  description: 'Counts and quotas of IAM entities in the account.',
  input: modelInput('iam', 'GetAccountSummary'),
  output: outputSchema({ SummaryMap: map(int) }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'GetAccountSummary', input, ctx.signal)
  },
})
