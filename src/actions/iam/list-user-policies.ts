import type { ListUserPoliciesCommandInput, ListUserPoliciesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema, str } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listUserPolicies`: list the inline policy names of a user.
 */
export const listUserPolicies = defineAction<ListUserPoliciesCommandInput, ListUserPoliciesCommandOutput>({
  name: 'iam.listUserPolicies',
  service: 'iam',
  command: 'ListUserPoliciesCommand',
  description: 'List the inline policy names of a user.',
  input: modelInput('iam', 'ListUserPolicies'),
  output: outputSchema({ PolicyNames: list(str), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListUserPolicies', input, ctx.signal)
  },
})
