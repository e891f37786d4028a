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
    const { ListUserPoliciesCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new ListUserPoliciesCommand(input), { abortSignal: ctx.signal })
  },
})
