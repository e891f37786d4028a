import type { ListVirtualMFADevicesCommandInput, ListVirtualMFADevicesCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { obj, outputSchema, str, list, timestamp } from '../schema.js'
import * as s from './shapes.js'

/**
 * `iam.listVirtualMFADevices`: List the account's virtual MFA devices (AssignmentStatus: Assigned, Unassigned or Any).
 */
export const listVirtualMFADevices = defineAction<ListVirtualMFADevicesCommandInput, ListVirtualMFADevicesCommandOutput>({
  name: 'iam.listVirtualMFADevices',
  service: 'iam',
  command: 'ListVirtualMFADevicesCommand',
  description: 'List the account\'s virtual MFA devices (AssignmentStatus: Assigned, Unassigned or Any).',
  input: modelInput('iam', 'ListVirtualMFADevices'),
  output: outputSchema({ VirtualMFADevices: list(obj({ SerialNumber: str, Base32StringSeed: str, QRCodePNG: str, User: s.user, EnableDate: timestamp, Tags: s.tagList })), ...s.page }),
  readOnly: true,
  run: async (ctx, input) => {
    return ctx.clients.call('iam', 'ListVirtualMFADevices', input, ctx.signal)
  },

})
