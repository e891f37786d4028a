import type { ListUserTagsCommandInput, ListUserTagsCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listUserTags`: list the tags of a user.
 */
export const listUserTags = defineAction<ListUserTagsCommandInput, ListUserTagsCommandOutput>({
  name: 'iam.listUserTags',
  service: 'iam',
  command: 'ListUserTagsCommand',
  description: 'List the tags of a user.',
  input: modelInput('iam', 'ListUserTags'),
  output: outputSchema({ Tags: s.tagList, ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListUserTags', input, ctx.signal)
  },
})
