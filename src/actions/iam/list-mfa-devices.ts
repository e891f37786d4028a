import type { ListMFADevicesCommandInput, ListMFADevicesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { obj, outputSchema, str, list, timestamp } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listMFADevices`: List the MFA devices of a user (the caller when UserName is omitted).
 */
export const listMFADevices = defineAction<ListMFADevicesCommandInput, ListMFADevicesCommandOutput>({
  name: 'iam.listMFADevices',
  service: 'iam',
  command: 'ListMFADevicesCommand',
  description: 'List the MFA devices of a user (the caller when UserName is omitted).',
  input: modelInput('iam', 'ListMFADevices'),
  output: outputSchema({ MFADevices: list(obj({ UserName: str, SerialNumber: str, EnableDate: timestamp })), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListMFADevices', input, ctx.signal)
  },

})
