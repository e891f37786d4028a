import type { ListAttachedRolePoliciesCommandInput, ListAttachedRolePoliciesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listAttachedRolePolicies`: list the managed policies attached to a role.
 */
export const listAttachedRolePolicies = defineAction<ListAttachedRolePoliciesCommandInput, ListAttachedRolePoliciesCommandOutput>({
  name: 'iam.listAttachedRolePolicies',
  service: 'iam',
  command: 'ListAttachedRolePoliciesCommand',
  description: 'List the managed policies attached to a role.',
  input: modelInput('iam', 'ListAttachedRolePolicies'),
  output: outputSchema({ AttachedPolicies: list(s.attachedPolicy), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListAttachedRolePolicies', input, ctx.signal)
  },
})
