import { newTotpSeed } from '../../../../totp.js'
import type { AccountState, MfaDeviceEntity, UserEntity } from '../../../state/model.js'
import type { OpContext } from '../../types.js'
import { AwsServiceError } from '../../types.js'
import { authorize, authorizeUser } from '../access.js'
import { implicitTarget } from '../caller.js'
import { defineOps } from '../define-ops.js'
import { iamErrors } from '../errors.js'
import { date, tagsOut } from '../output.js'
import { paginateInOrder, paginateSorted, type PageInput } from '../paginate.js'
import { accountOf, key, requireUser } from '../store.js'
import { mergeTags, removeTags, requestTagContext, requestTags, resourceTagContext } from '../tags.js'
import { consecutivePair } from './check.js'
import { otpauthUri, qrCodePng } from './qr-png.js'

/**
 * Virtual MFA devices (IAM API Reference: CreateVirtualMFADevice, EnableMFADevice, ...).
 * Messages are AWS's, as recorded in LocalStack's test_iam_mfa.snapshot.json. A device is
 * keyed by its serial number, `arn:aws:iam::ACCOUNT:mfa` + path + name.
 */

export const mfaErrors = {
  exists: () => new AwsServiceError('EntityAlreadyExists', 409, 'MFA device already exists.'),
  inUse: () => new AwsServiceError('EntityAlreadyExists', 409, 'MFA Device is already in use.'),
  noSuchDevice: (serial: string) => new AwsServiceError('NoSuchEntity', 404, `MFA Device with serial number ${serial} does not exist.`),
  invalidCode: () => new AwsServiceError('InvalidAuthenticationCode', 403, 'Authentication code for device is not valid.'),
  // AWS's wording for deleting an assigned device is not recorded; DeleteConflict is the model's error.
  stillInUse: () => new AwsServiceError('DeleteConflict', 409, 'MFA Device is still in use.'),
}

export const mfaSerial = (accountId: string, path: string, name: string): string => `arn:aws:iam::${accountId}:mfa${path}${name}`

/** The device with `serial` in `account`, if any. */
export function findDevice(account: AccountState, serial: string): MfaDeviceEntity | undefined {
  return account.mfaDevices.get(serial)
}

function requireDevice(account: AccountState, serial: string): MfaDeviceEntity {
  const device = findDevice(account, serial)
  if (!device) throw mfaErrors.noSuchDevice(serial)
  return device
}

/** The devices assigned to `user` (at most 8 per user on AWS; one per user here, virtual only). */
export function devicesOf(account: AccountState, userName: string): MfaDeviceEntity[] {
  return [...account.mfaDevices.values()].filter((d) => d.userName !== undefined && key(d.userName) === key(userName))
}

function authorizeDevice(ctx: OpContext, action: string, serial: string, extra: Record<string, unknown> = {}): void {
  const device = findDevice(accountOf(ctx), serial)
  authorize(ctx, action, serial, { ...resourceTagContext(device?.tags), ...(extra as Record<string, never>) })
}

/** The user a device call acts on (the caller when UserName is omitted), authorized on its ARN. */
export function targetUser(ctx: OpContext, action: string, userName: string | undefined): UserEntity {
  let name = userName
  if (name === undefined) {
    const target = implicitTarget(ctx)
    if (target.kind === 'root') throw iamErrors.validation('Must specify userName when calling with non-User credentials')
    name = target.name
  }
  authorizeUser(ctx, action, name)
  return requireUser(accountOf(ctx), name)
}

function userBrief(user: UserEntity) {
  return { Path: user.path, UserName: user.name, UserId: user.id, Arn: user.arn, CreateDate: date(user.createDate) }
}

const PATH_INVALID = 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.'

export const mfaDeviceOperations = defineOps({
  CreateVirtualMFADevice(ctx, input) {
    const account = accountOf(ctx)
    const path = input.Path ?? '/'
    if (!path.startsWith('/') || !path.endsWith('/')) throw iamErrors.validation(PATH_INVALID)
    const tags = requestTags(input.Tags)
    const serial = mfaSerial(account.id, path, input.VirtualMFADeviceName)
    authorize(ctx, 'CreateVirtualMFADevice', serial, requestTagContext(tags))
    if (findDevice(account, serial)) throw mfaErrors.exists()
    const seed = newTotpSeed()
    const device: MfaDeviceEntity = { serial, name: input.VirtualMFADeviceName, path, seed, createDate: ctx.now, tags }
    account.mfaDevices.set(serial, device)
    const png = qrCodePng(otpauthUri(input.VirtualMFADeviceName, account.id, seed))
    return {
      VirtualMFADevice: {
        SerialNumber: serial,
        // Blobs travel base64-encoded; the seed blob holds the base32 text.
        Base32StringSeed: Buffer.from(seed, 'ascii').toString('base64'),
        QRCodePNG: png.toString('base64'),
        Tags: tagsOut(tags),
      },
    }
  },

  EnableMFADevice(ctx, input) {
    const account = accountOf(ctx)
    authorizeUser(ctx, 'EnableMFADevice', input.UserName)
    const user = requireUser(account, input.UserName)
    const device = findDevice(account, input.SerialNumber)
    if (!device) throw mfaErrors.noSuchDevice(input.SerialNumber)
    if (device.userName !== undefined) throw mfaErrors.inUse()
    if (consecutivePair(device, input.AuthenticationCode1, input.AuthenticationCode2, ctx.now) === undefined) throw mfaErrors.invalidCode()
    device.userName = user.name
    device.enableDate = ctx.now
    account.mfaDevices.set(device.serial, device)
    return undefined
  },

  ResyncMFADevice(ctx, input) {
    const account = accountOf(ctx)
    authorizeUser(ctx, 'ResyncMFADevice', input.UserName)
    const user = requireUser(account, input.UserName)
    const device = findDevice(account, input.SerialNumber)
    if (!device || device.userName === undefined || key(device.userName) !== key(user.name)) throw mfaErrors.noSuchDevice(input.SerialNumber)
    if (consecutivePair(device, input.AuthenticationCode1, input.AuthenticationCode2, ctx.now) === undefined) throw mfaErrors.invalidCode()
    return undefined
  },

  DeactivateMFADevice(ctx, input) {
    const account = accountOf(ctx)
    const user = targetUser(ctx, 'DeactivateMFADevice', input.UserName)
    const device = findDevice(account, input.SerialNumber)
    if (!device || device.userName === undefined || key(device.userName) !== key(user.name)) throw mfaErrors.noSuchDevice(input.SerialNumber)
    // AWS removes a virtual device when it is deactivated: after DeactivateMFADevice it is in
    // neither ListMFADevices nor ListVirtualMFADevices(Unassigned) (LocalStack's recording
    // test_enable_virtual_mfa_device, list-unassigned-after-deactivation).
    account.mfaDevices.delete(device.serial)
    return undefined
  },

  DeleteVirtualMFADevice(ctx, input) {
    const account = accountOf(ctx)
    authorizeDevice(ctx, 'DeleteVirtualMFADevice', input.SerialNumber)
    const device = requireDevice(account, input.SerialNumber)
    if (device.userName !== undefined) throw mfaErrors.stillInUse()
    account.mfaDevices.delete(device.serial)
    return undefined
  },

  ListMFADevices(ctx, input) {
    const account = accountOf(ctx)
    const user = targetUser(ctx, 'ListMFADevices', input.UserName)
    const page = paginateInOrder(devicesOf(account, user.name), input)
    return {
      MFADevices: page.items.map((d) => ({ UserName: user.name, SerialNumber: d.serial, EnableDate: date(d.enableDate!) })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    }
  },

  ListVirtualMFADevices(ctx, input) {
    const account = accountOf(ctx)
    // The Service Authorization Reference lists no resource type for this action.
    authorize(ctx, 'ListVirtualMFADevices', '*')
    const status = input.AssignmentStatus ?? 'Any'
    const accept = (d: MfaDeviceEntity) => status === 'Any' || (status === 'Assigned') === (d.userName !== undefined)
    const page = paginateSorted([account.mfaDevices], input as PageInput, accept)
    return {
      VirtualMFADevices: page.items.map((d) => {
        const user = d.userName !== undefined ? account.users.get(key(d.userName)) : undefined
        return {
          SerialNumber: d.serial,
          User: user ? userBrief(user) : undefined,
          EnableDate: d.enableDate !== undefined ? date(d.enableDate) : undefined,
          Tags: tagsOut(d.tags),
        }
      }),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    }
  },

  TagMFADevice(ctx, input) {
    const tags = requestTags(input.Tags)
    authorizeDevice(ctx, 'TagMFADevice', input.SerialNumber, requestTagContext(tags))
    const device = requireDevice(accountOf(ctx), input.SerialNumber)
    device.tags = mergeTags(device.tags, tags, 'TagsPerMFADevice')
    accountOf(ctx).mfaDevices.set(device.serial, device)
    return undefined
  },

  UntagMFADevice(ctx, input) {
    authorizeDevice(ctx, 'UntagMFADevice', input.SerialNumber, { 'aws:TagKeys': input.TagKeys })
    const device = requireDevice(accountOf(ctx), input.SerialNumber)
    device.tags = removeTags(device.tags, input.TagKeys)
    accountOf(ctx).mfaDevices.set(device.serial, device)
    return undefined
  },

  ListMFADeviceTags(ctx, input) {
    authorizeDevice(ctx, 'ListMFADeviceTags', input.SerialNumber)
    const device = requireDevice(accountOf(ctx), input.SerialNumber)
    const page = paginateInOrder(device.tags, input)
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker }
  },
})
