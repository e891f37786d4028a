import type { ListAccessKeysCommandInput, ListAccessKeysCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { list, outputSchema } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listAccessKeys`: list the access keys of a user (the caller when UserName is omitted).
 */
export const listAccessKeys = defineAction<ListAccessKeysCommandInput, ListAccessKeysCommandOutput>({
  name: 'iam.listAccessKeys',
  service: 'iam',
  command: 'ListAccessKeysCommand',
  description: 'List the access keys of a user (the caller when UserName is omitted).',
  input: modelInput('iam', 'ListAccessKeys', {
    describe: {
      UserName: 'User whose keys to list (default: the calling user).',
    },
  }),
  output: outputSchema({ AccessKeyMetadata: list(s.accessKeyMetadata), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListAccessKeys', input, ctx.signal)
  },
})
