import type { ListAttachedUserPoliciesCommandInput, ListAttachedUserPoliciesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, list, outputSchema } from '../schema.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/**
 * `iam.listAttachedUserPolicies`: list the managed policies attached to a user.
 */
export const listAttachedUserPolicies = defineAction<ListAttachedUserPoliciesCommandInput, ListAttachedUserPoliciesCommandOutput>({
  name: 'iam.listAttachedUserPolicies',
  service: 'iam',
  command: 'ListAttachedUserPoliciesCommand',
  description: 'List the managed policies attached to a user.',
  input: inputSchema(
    {
      UserName: describe(f.userName, 'Name of the IAM user.'),
      PathPrefix: describe(f.policyPath, 'Only policies whose path starts with this prefix.'),
      Marker: f.marker,
      MaxItems: f.maxItems,
    },
    ['UserName'],
  ),
  output: outputSchema({ AttachedPolicies: list(s.attachedPolicy), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    const { ListAttachedUserPoliciesCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new ListAttachedUserPoliciesCommand(input), { abortSignal: ctx.signal })
  },
})
