import type { ListUsersCommandInput, ListUsersCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listUsers`: list IAM users.
 */
export const listUsers = defineAction<ListUsersCommandInput, ListUsersCommandOutput>({
  name: 'iam.listUsers',
  service: 'iam',
  command: 'ListUsersCommand',
  description: 'List IAM users.',
  input: modelInput('iam', 'ListUsers', {
    describe: {
      PathPrefix: 'Only entities whose path starts with this prefix (default /: all).',
    },
  }),
  output: outputSchema({ Users: list(s.user), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListUsers', input, ctx.signal)
  },
})
