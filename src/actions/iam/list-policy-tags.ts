import type { ListPolicyTagsCommandInput, ListPolicyTagsCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listPolicyTags`: list the tags of a managed policy.
 */
export const listPolicyTags = defineAction<ListPolicyTagsCommandInput, ListPolicyTagsCommandOutput>({
  name: 'iam.listPolicyTags',
  service: 'iam',
  command: 'ListPolicyTagsCommand',
  description: 'List the tags of a managed policy.',
  input: modelInput('iam', 'ListPolicyTags'),
  output: outputSchema({ Tags: s.tagList, ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListPolicyTags', input, ctx.signal)
  },
})
