import type { ListRoleTagsCommandInput, ListRoleTagsCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, outputSchema } from '../schema.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/**
 * `iam.listRoleTags`: list the tags of a role.
 */
export const listRoleTags = defineAction<ListRoleTagsCommandInput, ListRoleTagsCommandOutput>({
  name: 'iam.listRoleTags',
  service: 'iam',
  command: 'ListRoleTagsCommand',
  description: 'List the tags of a role.',
  input: inputSchema(
    {
      RoleName: describe(f.roleName, 'Name of the IAM role.'),
      Marker: f.marker,
      MaxItems: f.maxItems,
    },
    ['RoleName'],
  ),
  output: outputSchema({ Tags: s.tagList, ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    const { ListRoleTagsCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new ListRoleTagsCommand(input), { abortSignal: ctx.signal })
  },
})
