import type { ListRoleTagsCommandInput, ListRoleTagsCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listRoleTags`: list the tags of a role.
 */
export const listRoleTags = defineAction<ListRoleTagsCommandInput, ListRoleTagsCommandOutput>({
  name: 'iam.listRoleTags',
  service: 'iam',
  command: 'ListRoleTagsCommand',
  description: 'List the tags of a role.',
  input: modelInput('iam', 'ListRoleTags'),
  output: outputSchema({ Tags: s.tagList, ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListRoleTags', input, ctx.signal)
  },
})
