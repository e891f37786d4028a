import type { CreateGroupCommandInput, CreateGroupCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/**
 * `iam.createGroup`: create an IAM group.
 * Undone by `iam.deleteGroup`.
 */
export const createGroup = defineAction<CreateGroupCommandInput, CreateGroupCommandOutput>({
  name: 'iam.createGroup',
  service: 'iam',
  command: 'CreateGroupCommand',
  description: 'Create an IAM group.',
  input: inputSchema(
    {
      Path: describe(f.path, 'Path, e.g. /engineering/ (default /).'),
      GroupName: describe(f.groupName, 'Name of the new group.'),
    },
    ['GroupName'],
  ),
  output: outputSchema({ Group: s.group }),
  creates: true,
  run: async (ctx, input) => {
    const { CreateGroupCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new CreateGroupCommand(input), { abortSignal: ctx.signal })
  },
  undoActions: ['iam.deleteGroup'],
  undo: (input) => undoCall('iam.deleteGroup', { GroupName: input.GroupName }),
})
