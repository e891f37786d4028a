import type { GetGroupCommandInput, GetGroupCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, list, outputSchema } from '../schema.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/**
 * `iam.getGroup`: get an IAM group and its members.
 */
export const getGroup = defineAction<GetGroupCommandInput, GetGroupCommandOutput>({
  name: 'iam.getGroup',
  service: 'iam',
  command: 'GetGroupCommand',
  description: 'Get an IAM group and its members.',
  input: inputSchema(
    {
      GroupName: describe(f.groupName, 'Name of the IAM group.'),
      Marker: f.marker,
      MaxItems: f.maxItems,
    },
    ['GroupName'],
  ),
  output: outputSchema({ Group: s.group, Users: list(s.user), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    const { GetGroupCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new GetGroupCommand(input), { abortSignal: ctx.signal })
  },
})
