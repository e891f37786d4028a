import type { GetGroupCommandInput, GetGroupCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.getGroup`: get an IAM group and its members.
 */
export const getGroup = defineAction<GetGroupCommandInput, GetGroupCommandOutput>({
  name: 'iam.getGroup',
  service: 'iam',
  command: 'GetGroupCommand',
  description: 'Get an IAM group and its members.',
  input: modelInput('iam', 'GetGroup'),
  output: outputSchema({ Group: s.group, Users: list(s.user), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'GetGroup', input, ctx.signal)
  },
})
