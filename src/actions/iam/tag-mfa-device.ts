import type { TagMFADeviceCommandInput, TagMFADeviceCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema } from '../schema.js'
import { undoCall } from '../outcome.js'

/**
 * `iam.tagMFADevice`: Add or overwrite tags on a virtual MFA device.
 */
export const tagMFADevice = defineAction<TagMFADeviceCommandInput, TagMFADeviceCommandOutput>({
  name: 'iam.tagMFADevice',
  service: 'iam',
  command: 'TagMFADeviceCommand',
  description: 'Add or overwrite tags on a virtual MFA device.',
  input: modelInput('iam', 'TagMFADevice'),
  output: outputSchema({}),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'TagMFADevice', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: 'none',
  // The run's tags go on what it creates, never on what it only tags (see tag-user.ts).
  taggable: false,
  undoActions: ['iam.untagMFADevice'],
  undo: (input) => undoCall('iam.untagMFADevice', { SerialNumber: input.SerialNumber, TagKeys: (input.Tags ?? []).map((tag) => tag.Key) }),
})
