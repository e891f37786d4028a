import type { GetAccessKeyInfoCommandInput, GetAccessKeyInfoCommandOutput } from '@aws-sdk/client-sts'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema, str } from '../schema.js'

/**
 * `sts.getAccessKeyInfo`: the account that owns an access key ID.
 */
export const getAccessKeyInfo = defineAction<GetAccessKeyInfoCommandInput, GetAccessKeyInfoCommandOutput>({
  name: 'sts.getAccessKeyInfo',
  service: 'sts',
  command: 'GetAccessKeyInfoCommand',
  description: 'The account that owns an access key ID.',
  input: modelInput('sts', 'GetAccessKeyInfo', {
    describe: {
      AccessKeyId: 'Access key ID to look up (AKIA... or ASIA...).',
    },
  }),
  output: outputSchema({ Account: str }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('sts', 'GetAccessKeyInfo', input, ctx.signal)
  },
})
