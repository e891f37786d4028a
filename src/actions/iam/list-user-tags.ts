import type { ListUserTagsCommandInput, ListUserTagsCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/**
 * `iam.listUserTags`: list the tags of a user.
 */
export const listUserTags = defineAction<ListUserTagsCommandInput, ListUserTagsCommandOutput>({
  name: 'iam.listUserTags',
  service: 'iam',
  command: 'ListUserTagsCommand',
  description: 'List the tags of a user.',
  input: inputSchema(
    {
      UserName: describe(f.existingUserName, 'Name of the IAM user.'),
      Marker: f.marker,
      MaxItems: f.maxItems,
    },
    ['UserName'],
  ),
  output: outputSchema({ Tags: s.tagList, ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    const { ListUserTagsCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new ListUserTagsCommand(input), { abortSignal: ctx.signal })
  },
})
