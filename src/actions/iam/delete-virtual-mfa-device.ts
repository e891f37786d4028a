import type { DeleteVirtualMFADeviceCommandInput, DeleteVirtualMFADeviceCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'

/**
 * `iam.deleteVirtualMFADevice`: Delete a virtual MFA device that is not assigned to a user.
 */
export const deleteVirtualMFADevice = defineAction<DeleteVirtualMFADeviceCommandInput, DeleteVirtualMFADeviceCommandOutput>({
  name: 'iam.deleteVirtualMFADevice',
  service: 'iam',
  command: 'DeleteVirtualMFADeviceCommand',
  description: 'Delete a virtual MFA device that is not assigned to a user.',
  input: modelInput('iam', 'DeleteVirtualMFADevice'),
  output: outputSchema({}),
  changes: ['credentials'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'DeleteVirtualMFADevice', input, ctx.signal)
  },

})
