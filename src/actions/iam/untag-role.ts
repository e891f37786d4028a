import type { UntagRoleCommandInput, UntagRoleCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.untagRole`: remove tags from a role.
 */
export const untagRole = defineAction<UntagRoleCommandInput, UntagRoleCommandOutput>({
  name: 'iam.untagRole',
  service: 'iam',
  command: 'UntagRoleCommand',
  description: 'Remove tags from a role.',
  input: modelInput('iam', 'UntagRole'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'UntagRole', input, ctx.signal)
  },
})
