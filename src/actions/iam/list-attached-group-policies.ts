import type { ListAttachedGroupPoliciesCommandInput, ListAttachedGroupPoliciesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listAttachedGroupPolicies`: list the managed policies attached to a group.
 */
export const listAttachedGroupPolicies = defineAction<ListAttachedGroupPoliciesCommandInput, ListAttachedGroupPoliciesCommandOutput>({
  name: 'iam.listAttachedGroupPolicies',
  service: 'iam',
  command: 'ListAttachedGroupPoliciesCommand',
  description: 'List the managed policies attached to a group.',
  input: modelInput('iam', 'ListAttachedGroupPolicies'),
  output: outputSchema({ AttachedPolicies: list(s.attachedPolicy), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListAttachedGroupPolicies', input, ctx.signal)
  },
})
