import type { GetAccessKeyLastUsedCommandInput, GetAccessKeyLastUsedCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema, str } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.getAccessKeyLastUsed`: when and where an access key was last used.
 */
export const getAccessKeyLastUsed = defineAction<GetAccessKeyLastUsedCommandInput, GetAccessKeyLastUsedCommandOutput>({
  name: 'iam.getAccessKeyLastUsed',
  service: 'iam',
  command: 'GetAccessKeyLastUsedCommand',
  description: 'When and where an access key was last used.',
  input: modelInput('iam', 'GetAccessKeyLastUsed'),
  output: outputSchema({ UserName: str, AccessKeyLastUsed: s.accessKeyLastUsed }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'GetAccessKeyLastUsed', input, ctx.signal)
  },
})
