import type { UpdateUserCommandInput, UpdateUserCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.updateUser`: rename an IAM user or change its path.
 * Undone by `iam.updateUser`.
 * A rename is undone by renaming back, so the undos recorded before it (deleteUser of the old
 * name) find the user again. A path change alone is not undone: it does not stop the user's deletion.
 */
export const updateUser = defineAction<UpdateUserCommandInput, UpdateUserCommandOutput>({
  name: 'iam.updateUser',
  service: 'iam',
  command: 'UpdateUserCommand',
  description: 'Rename an IAM user or change its path.',
  input: modelInput('iam', 'UpdateUser', {
    describe: {
      UserName: 'Current name of the user.',
      NewPath: 'New path for the user.',
      NewUserName: 'New name for the user.',
    },
  }),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'UpdateUser', input, ctx.signal)
  },
  recover: 'from-input',
  undoActions: ['iam.updateUser'],
  undo: (input) => (input.NewUserName === undefined ? undefined : undoCall('iam.updateUser', { UserName: input.NewUserName, NewUserName: input.UserName })),
})
