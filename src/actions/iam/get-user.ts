import type { GetUserCommandInput, GetUserCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.getUser`: get an IAM user (the caller when UserName is omitted).
 */
export const getUser = defineAction<GetUserCommandInput, GetUserCommandOutput>({
  name: 'iam.getUser',
  service: 'iam',
  command: 'GetUserCommand',
  description: 'Get an IAM user (the caller when UserName is omitted).',
  input: modelInput('iam', 'GetUser', {
    describe: {
      UserName: 'Name of the user (default: the user whose credentials sign the call).',
    },
  }),
  output: outputSchema({ User: s.user }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'GetUser', input, ctx.signal)
  },
})
