import type { ResyncMFADeviceCommandInput, ResyncMFADeviceCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.resyncMFADevice`: Resynchronize a user's MFA device with two consecutive codes.
 */
export const resyncMFADevice = defineAction<ResyncMFADeviceCommandInput, ResyncMFADeviceCommandOutput>({
  name: 'iam.resyncMFADevice',
  service: 'iam',
  command: 'ResyncMFADeviceCommand',
  description: 'Resynchronize a user\'s MFA device with two consecutive codes.',
  input: modelInput('iam', 'ResyncMFADevice'),
  output: outputSchema({}),
  changes: [],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ResyncMFADevice', input, ctx.signal)
  },

})
