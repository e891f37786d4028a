import type { DeleteGroupCommandInput, DeleteGroupCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteGroup`: delete an IAM group (it must have no members or policies left).
 */
export const deleteGroup = defineAction<DeleteGroupCommandInput, DeleteGroupCommandOutput>({
  name: 'iam.deleteGroup',
  service: 'iam',
  command: 'DeleteGroupCommand',
  description: 'Delete an IAM group (it must have no members or policies left).',
  input: modelInput('iam', 'DeleteGroup'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteGroup', input, ctx.signal)
  },
})
