import type { ListGroupsForUserCommandInput, ListGroupsForUserCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listGroupsForUser`: list the groups a user belongs to.
 */
export const listGroupsForUser = defineAction<ListGroupsForUserCommandInput, ListGroupsForUserCommandOutput>({
  name: 'iam.listGroupsForUser',
  service: 'iam',
  command: 'ListGroupsForUserCommand',
  description: 'List the groups a user belongs to.',
  input: modelInput('iam', 'ListGroupsForUser'),
  output: outputSchema({ Groups: list(s.group), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListGroupsForUser', input, ctx.signal)
  },
})
