import type { ListAttachedRolePoliciesCommandInput, ListAttachedRolePoliciesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, list, outputSchema } from '../schema.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/**
 * `iam.listAttachedRolePolicies`: list the managed policies attached to a role.
 */
export const listAttachedRolePolicies = defineAction<ListAttachedRolePoliciesCommandInput, ListAttachedRolePoliciesCommandOutput>({
  name: 'iam.listAttachedRolePolicies',
  service: 'iam',
  command: 'ListAttachedRolePoliciesCommand',
  description: 'List the managed policies attached to a role.',
  input: inputSchema(
    {
      RoleName: describe(f.roleName, 'Name of the IAM role.'),
      PathPrefix: describe(f.policyPath, 'Only policies whose path starts with this prefix.'),
      Marker: f.marker,
      MaxItems: f.maxItems,
    },
    ['RoleName'],
  ),
  output: outputSchema({ AttachedPolicies: list(s.attachedPolicy), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    const { ListAttachedRolePoliciesCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new ListAttachedRolePoliciesCommand(input), { abortSignal: ctx.signal })
  },
})
