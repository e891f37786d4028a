import type { UntagUserCommandInput, UntagUserCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.untagUser`: remove tags from a user.
 */
export const untagUser = defineAction<UntagUserCommandInput, UntagUserCommandOutput>({
  name: 'iam.untagUser',
  service: 'iam',
  command: 'UntagUserCommand',
  description: 'Remove tags from a user.',
  input: modelInput('iam', 'UntagUser'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'UntagUser', input, ctx.signal)
  },
})
