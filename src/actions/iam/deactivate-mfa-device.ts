import type { DeactivateMFADeviceCommandInput, DeactivateMFADeviceCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deactivateMFADevice`: Deactivate a user's MFA device (AWS then removes a virtual device).
 */
export const deactivateMFADevice = defineAction<DeactivateMFADeviceCommandInput, DeactivateMFADeviceCommandOutput>({
  name: 'iam.deactivateMFADevice',
  service: 'iam',
  command: 'DeactivateMFADeviceCommand',
  description: 'Deactivate a user\'s MFA device (AWS then removes a virtual device).',
  input: modelInput('iam', 'DeactivateMFADevice'),
  output: outputSchema({}),
  changes: ['credentials'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeactivateMFADevice', input, ctx.signal)
  },

})
