import type { ListGroupsCommandInput, ListGroupsCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listGroups`: list IAM groups.
 */
export const listGroups = defineAction<ListGroupsCommandInput, ListGroupsCommandOutput>({
  name: 'iam.listGroups',
  service: 'iam',
  command: 'ListGroupsCommand',
  description: 'List IAM groups.',
  input: modelInput('iam', 'ListGroups', {
    describe: {
      PathPrefix: 'Only entities whose path starts with this prefix (default /: all).',
    },
  }),
  output: outputSchema({ Groups: list(s.group), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListGroups', input, ctx.signal)
  },
})
