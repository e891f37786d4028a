import type { UntagMFADeviceCommandInput, UntagMFADeviceCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.untagMFADevice`: Remove tags from a virtual MFA device.
 */
export const untagMFADevice = defineAction<UntagMFADeviceCommandInput, UntagMFADeviceCommandOutput>({
  name: 'iam.untagMFADevice',
  service: 'iam',
  command: 'UntagMFADeviceCommand',
  description: 'Remove tags from a virtual MFA device.',
  input: modelInput('iam', 'UntagMFADevice'),
  output: outputSchema({}),
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'UntagMFADevice', input, ctx.signal)
  },

})
