import type { EnableMFADeviceCommandInput, EnableMFADeviceCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.enableMFADevice`: Assign an MFA device to a user with two consecutive codes (${{ totp(seed) }} and ${{ totp(seed, 1) }}).
 */
export const enableMFADevice = defineAction<EnableMFADeviceCommandInput, EnableMFADeviceCommandOutput>({
  name: 'iam.enableMFADevice',
  service: 'iam',
  command: 'EnableMFADeviceCommand',
  description: 'Assign an MFA device to a user with two consecutive codes (${{ totp(seed) }} and ${{ totp(seed, 1) }}).',
  input: modelInput('iam', 'EnableMFADevice'),
  output: outputSchema({}),
  creates: true,
  changes: ['credentials'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'EnableMFADevice', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  // EnableMFADevice takes no tags.
  taggable: false,
  undoActions: ['iam.deactivateMFADevice'],
  undo: (input) => undoCall('iam.deactivateMFADevice', { UserName: input.UserName, SerialNumber: input.SerialNumber }),
})
