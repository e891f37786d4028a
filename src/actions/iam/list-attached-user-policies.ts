import type { ListAttachedUserPoliciesCommandInput, ListAttachedUserPoliciesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listAttachedUserPolicies`: list the managed policies attached to a user.
 */
export const listAttachedUserPolicies = defineAction<ListAttachedUserPoliciesCommandInput, ListAttachedUserPoliciesCommandOutput>({
  name: 'iam.listAttachedUserPolicies',
  service: 'iam',
  command: 'ListAttachedUserPoliciesCommand',
  description: 'List the managed policies attached to a user.',
  input: modelInput('iam', 'ListAttachedUserPolicies'),
  output: outputSchema({ AttachedPolicies: list(s.attachedPolicy), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListAttachedUserPolicies', input, ctx.signal)
  },
})
