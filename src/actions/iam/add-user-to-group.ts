import type { AddUserToGroupCommandInput, AddUserToGroupCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.addUserToGroup`: add a user to a group.
 * Undone by `iam.removeUserFromGroup`.
 * AWS treats adding an existing member as success; the undo still removes the membership.
 */
export const addUserToGroup = defineAction<AddUserToGroupCommandInput, AddUserToGroupCommandOutput>({
  name: 'iam.addUserToGroup',
  service: 'iam',
  command: 'AddUserToGroupCommand',
  description: 'Add a user to a group.',
  input: modelInput('iam', 'AddUserToGroup'),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'AddUserToGroup', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  taggable: false,
  undoActions: ['iam.removeUserFromGroup'],
  undo: (input) => undoCall('iam.removeUserFromGroup', { GroupName: input.GroupName, UserName: input.UserName }),
})
