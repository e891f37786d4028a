import type { UpdateRoleCommandInput, UpdateRoleCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.updateRole`: change a role's description or maximum session duration.
 * Not undone: the settings do not stop the role's deletion.
 */
export const updateRole = defineAction<UpdateRoleCommandInput, UpdateRoleCommandOutput>({
  name: 'iam.updateRole',
  service: 'iam',
  command: 'UpdateRoleCommand',
  description: 'Change a role\'s description or maximum session duration.',
  input: modelInput('iam', 'UpdateRole', {
    describe: {
      Description: 'New description of the role.',
      MaxSessionDuration: 'New maximum session duration in seconds (3600..43200).',
    },
  }),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'UpdateRole', input, ctx.signal)
  },
})
