import type { ListPoliciesCommandInput, ListPoliciesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listPolicies`: list managed policies (Scope Local: customer managed only).
 */
export const listPolicies = defineAction<ListPoliciesCommandInput, ListPoliciesCommandOutput>({
  name: 'iam.listPolicies',
  service: 'iam',
  command: 'ListPoliciesCommand',
  description: 'List managed policies (Scope Local: customer managed only).',
  input: modelInput('iam', 'ListPolicies', {
    describe: {
      Scope: 'All (default), AWS (AWS managed) or Local (customer managed).',
      OnlyAttached: 'Only policies attached to a user, group or role.',
      PolicyUsageFilter: 'The policy usage method to use for filtering the results.',
    },
  }),
  output: outputSchema({ Policies: list(s.policy), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListPolicies', input, ctx.signal)
  },
})
