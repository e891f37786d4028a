import type { UntagRoleCommandInput, UntagRoleCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.untagRole`: remove tags from a role.
 */
export const untagRole = defineAction<UntagRoleCommandInput, UntagRoleCommandOutput>({
  name: 'iam.untagRole',
  service: 'iam',
  command: 'UntagRoleCommand',
  description: 'Remove tags from a role.',
  input: inputSchema(
    {
      RoleName: describe(f.roleName, 'Name of the IAM role.'),
      TagKeys: f.tagKeys,
    },
    ['RoleName', 'TagKeys'],
  ),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { UntagRoleCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new UntagRoleCommand(input), { abortSignal: ctx.signal })
  },
})
