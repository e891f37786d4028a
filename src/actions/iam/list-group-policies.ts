import type { ListGroupPoliciesCommandInput, ListGroupPoliciesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema, str } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listGroupPolicies`: list the inline policy names of a group.
 */
export const listGroupPolicies = defineAction<ListGroupPoliciesCommandInput, ListGroupPoliciesCommandOutput>({
  name: 'iam.listGroupPolicies',
  service: 'iam',
  command: 'ListGroupPoliciesCommand',
  description: 'List the inline policy names of a group.',
  input: modelInput('iam', 'ListGroupPolicies'),
  output: outputSchema({ PolicyNames: list(str), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListGroupPolicies', input, ctx.signal)
  },
})
