import type { ListPoliciesCommandInput, ListPoliciesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, list, outputSchema } from '../schema.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/**
 * `iam.listPolicies`: list managed policies (Scope Local: customer managed only).
 */
export const listPolicies = defineAction<ListPoliciesCommandInput, ListPoliciesCommandOutput>({
  name: 'iam.listPolicies',
  service: 'iam',
  command: 'ListPoliciesCommand',
  description: 'List managed policies (Scope Local: customer managed only).',
  input: inputSchema({
    Scope: {
        type: 'string',
        enum: ['All', 'AWS', 'Local'],
        description: 'All (default), AWS (AWS managed) or Local (customer managed).',
      },
    OnlyAttached: describe(f.boolean, 'Only policies attached to a user, group or role.'),
    PathPrefix: describe(f.policyPath, 'Only policies whose path starts with this prefix.'),
    PolicyUsageFilter: {
        type: 'string',
        enum: ['PermissionsPolicy', 'PermissionsBoundary'],
        description: 'The policy usage method to use for filtering the results.',
      },
    Marker: f.marker,
    MaxItems: f.maxItems,
  }),
  output: outputSchema({ Policies: list(s.policy), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    const { ListPoliciesCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new ListPoliciesCommand(input), { abortSignal: ctx.signal })
  },
})
