import type { CreateUserCommandInput, CreateUserCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { undoCall } from '../outcome.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/** iam.createUser: a new IAM user; undone by iam.deleteUser. */
export const createUser = defineAction<CreateUserCommandInput, CreateUserCommandOutput>({
  name: 'iam.createUser',
  service: 'iam',
  command: 'CreateUserCommand',
  description: 'Create an IAM user.',
  input: inputSchema(
    {
      UserName: describe(f.userName, 'Name of the new user (unique in the account, case-insensitively).'),
      Path: describe(f.path, 'Path of the user, e.g. /engineering/ (default /).'),
      PermissionsBoundary: describe(f.arn, "ARN of a managed policy to set as the user's permissions boundary."),
      Tags: f.tags,
    },
    ['UserName'],
  ),
  output: outputSchema({ User: s.user }),
  creates: true,
  run: async (ctx, input) => {
    const { CreateUserCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new CreateUserCommand(input), { abortSignal: ctx.signal })
  },
  undoActions: ['iam.deleteUser'],
  undo: (input) => undoCall('iam.deleteUser', { UserName: input.UserName }),
})
