import type { RemoveUserFromGroupCommandInput, RemoveUserFromGroupCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'

/**
 * `iam.removeUserFromGroup`: remove a user from a group.
 */
export const removeUserFromGroup = defineAction<RemoveUserFromGroupCommandInput, RemoveUserFromGroupCommandOutput>({
  name: 'iam.removeUserFromGroup',
  service: 'iam',
  command: 'RemoveUserFromGroupCommand',
  description: 'Remove a user from a group.',
  input: inputSchema(
    {
      GroupName: describe(f.groupName, 'Name of the IAM group.'),
      UserName: describe(f.existingUserName, 'Name of the IAM user.'),
    },
    ['GroupName', 'UserName'],
  ),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    const { RemoveUserFromGroupCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new RemoveUserFromGroupCommand(input), { abortSignal: ctx.signal })
  },
})
