import type { CreateVirtualMFADeviceCommandInput, CreateVirtualMFADeviceCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { describe, obj, outputSchema, str, timestamp } from '../schema.js'
import { required, undoCall } from '../outcome.js'
import * as s from './shapes.js'

/** The output with the seed as base32 text and the PNG as base64 (the SDK gives both as bytes). */
export type CreateVirtualMFADeviceOutput = Omit<CreateVirtualMFADeviceCommandOutput, 'VirtualMFADevice'> & {
  VirtualMFADevice?: { SerialNumber?: string; Base32StringSeed?: string; QRCodePNG?: string; Tags?: Array<{ Key?: string; Value?: string }> }
}

const serialOf = (accountId: string, input: { Path?: string; VirtualMFADeviceName?: string }) =>
  `arn:aws:iam::${accountId}:mfa${input.Path ?? '/'}${input.VirtualMFADeviceName}`

/**
 * `iam.createVirtualMFADevice`: create a virtual MFA device; capture `VirtualMFADevice.Base32StringSeed`
 * to compute its codes with `${{ totp(seed) }}`. Undone by `iam.deleteVirtualMFADevice`.
 * The seed is a secret: reports redact it wherever it appears.
 */
export const createVirtualMFADevice = defineAction<CreateVirtualMFADeviceCommandInput, CreateVirtualMFADeviceOutput>({
  name: 'iam.createVirtualMFADevice',
  service: 'iam',
  command: 'CreateVirtualMFADeviceCommand',
  description: 'Create a virtual MFA device (capture VirtualMFADevice.Base32StringSeed for ${{ totp(seed) }}).',
  input: modelInput('iam', 'CreateVirtualMFADevice', {
    describe: {
      VirtualMFADeviceName: 'Name of the device (its serial number is arn:aws:iam::ACCOUNT:mfa/NAME).',
      Path: 'Path of the device (default /).',
    },
  }),
  output: outputSchema({
    VirtualMFADevice: obj({
      SerialNumber: str,
      Base32StringSeed: describe(str, 'The TOTP secret, base32 text (a secret: redacted in reports).'),
      QRCodePNG: describe(str, 'The QR code PNG, base64 (a secret: redacted in reports).'),
      User: s.user,
      EnableDate: timestamp,
      Tags: s.tagList,
    }),
  }),
  creates: true,
  createsName: { member: 'VirtualMFADeviceName', kind: 'mfa' },
  changes: ['credentials'],
  run: async (ctx, input) => {
    const out = await ctx.clients.call('iam', 'CreateVirtualMFADevice', input, ctx.signal)
    const device = out.VirtualMFADevice
    if (!device) return out as CreateVirtualMFADeviceOutput
    return {
      ...out,
      VirtualMFADevice: {
        ...device,
        Base32StringSeed: device.Base32StringSeed ? Buffer.from(device.Base32StringSeed).toString('ascii') : undefined,
        QRCodePNG: device.QRCodePNG ? Buffer.from(device.QRCodePNG).toString('base64') : undefined,
      },
    }
  },
  // The serial number follows from the account, path and name.
  recover: async (input, { accountId }) => [{ action: 'iam.deleteVirtualMFADevice', input: { SerialNumber: serialOf(accountId, input) } }],
  dependents: {
    undo: 'iam.deleteVirtualMFADevice',
    // AWS refuses to delete a device assigned to a user: deactivate it (which also removes it on AWS).
    remove: async ({ SerialNumber }, { calls }) => {
      for (const d of await calls.listAll('iam.listVirtualMFADevices', { AssignmentStatus: 'Assigned' }, 'VirtualMFADevices')) {
        if (d.SerialNumber === SerialNumber && d.User?.UserName) {
          await calls.remove('iam.deactivateMFADevice', { UserName: d.User.UserName, SerialNumber }, 'deactivate MFA device')
          return 'retry'
        }
      }
      return 'none'
    },
  },
  taggable: true,
  sweep: {
    list: { action: 'iam.listVirtualMFADevices', input: {}, member: 'VirtualMFADevices' },
    tags: (device) => ({ action: 'iam.listMFADeviceTags', input: { SerialNumber: device.SerialNumber } }),
    undo: (device) => ({ action: 'iam.deleteVirtualMFADevice', input: { SerialNumber: device.SerialNumber } }),
  },
  undoActions: ['iam.deleteVirtualMFADevice'],
  undo: (_input, output) =>
    undoCall('iam.deleteVirtualMFADevice', {
      SerialNumber: required(output.VirtualMFADevice?.SerialNumber, 'iam.createVirtualMFADevice', 'VirtualMFADevice.SerialNumber'),
    }),
})
