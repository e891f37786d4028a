import { defineOps } from '../define-ops.js'
import { date } from '../output.js'
import { accountOf, key } from '../store.js'
import { findDevice, mfaErrors, targetUser } from './devices.js'

/**
 * GetMFADevice (IAM API Reference): the device `SerialNumber` assigned to the user (the caller
 * when UserName is omitted), authorized as `iam:GetMFADevice` on the user's ARN (Service
 * Authorization Reference: resource type user). AWS documents the operation for FIDO security
 * keys, which only the console registers; the emulator's devices are virtual, so it answers for
 * them (without Certifications, which AWS fills from the FIDO Alliance metadata service). A
 * device not assigned to the user is NoSuchEntity with the MFA family's recorded message.
 */
export const getMfaDeviceOperations = defineOps({
  GetMFADevice(ctx, input) {
    const user = targetUser(ctx, 'GetMFADevice', input.UserName)
    const device = findDevice(accountOf(ctx), input.SerialNumber)
    if (!device || device.userName === undefined || key(device.userName) !== key(user.name)) throw mfaErrors.noSuchDevice(input.SerialNumber)
    return { UserName: user.name, SerialNumber: device.serial, EnableDate: date(device.enableDate!) }
  },
})
