import type { ListRolePoliciesCommandInput, ListRolePoliciesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema, str } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listRolePolicies`: list the inline policy names of a role.
 */
export const listRolePolicies = defineAction<ListRolePoliciesCommandInput, ListRolePoliciesCommandOutput>({
  name: 'iam.listRolePolicies',
  service: 'iam',
  command: 'ListRolePoliciesCommand',
  description: 'List the inline policy names of a role.',
  input: modelInput('iam', 'ListRolePolicies'),
  output: outputSchema({ PolicyNames: list(str), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListRolePolicies', input, ctx.signal)
  },
})
