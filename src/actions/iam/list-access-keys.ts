import type { ListAccessKeysCommandInput, ListAccessKeysCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { describe, inputSchema, list, outputSchema } from '../schema.js'
import * as f from './fields.js'
import * as s from './shapes.js'

/**
 * `iam.listAccessKeys`: list the access keys of a user (the caller when UserName is omitted).
 */
export const listAccessKeys = defineAction<ListAccessKeysCommandInput, ListAccessKeysCommandOutput>({
  name: 'iam.listAccessKeys',
  service: 'iam',
  command: 'ListAccessKeysCommand',
  description: 'List the access keys of a user (the caller when UserName is omitted).',
  input: inputSchema({
    UserName: describe(f.existingUserName, 'User whose keys to list (default: the calling user).'),
    Marker: f.marker,
    MaxItems: f.maxItems,
  }),
  output: outputSchema({ AccessKeyMetadata: list(s.accessKeyMetadata), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    const { ListAccessKeysCommand } = await import('@aws-sdk/client-iam')
    return ctx.clients.iam.send(new ListAccessKeysCommand(input), { abortSignal: ctx.signal })
  },
})
