import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListMFADeviceTagsCommand,
  ListVirtualMFADevicesCommand,
  PutRolePolicyCommand,
  ResyncMFADeviceCommand,
  TagMFADeviceCommand,
  UntagMFADeviceCommand,
} from '@aws-sdk/client-iam'
import { ListBucketsCommand } from '@aws-sdk/client-s3'
import { AssumeRoleCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { inflateSync } from 'node:zlib'
import { beforeEach, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { totp } from '../src/totp.js'
import { clients, doc, failure, type Creds } from './emulator-helpers.js'

const ACCT = '123456789012'
const UNABLE = 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.'
const INVALID = 'MultiFactorAuthentication failed with invalid MFA one time pass code. '
const STEP = 30_000

// The emulator's clock, started on a 30 s boundary close to real time (the SDK signs with
// real time, and the emulator refuses requests more than a few minutes off).
let now = 0
let em: Emulator

async function user(name: string): Promise<Creds> {
  const root = clients(em, em.root)
  await root.iam.send(new CreateUserCommand({ UserName: name }))
  const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
}

async function device(name: string): Promise<{ serial: string; seed: string; png: Uint8Array }> {
  const out = (await clients(em, em.root).iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }))).VirtualMFADevice!
  return { serial: out.SerialNumber!, seed: new TextDecoder().decode(out.Base32StringSeed!), png: out.QRCodePNG! }
}

async function enabled(userName: string, deviceName: string) {
  const d = await device(deviceName)
  await clients(em, em.root).iam.send(
    new EnableMFADeviceCommand({ UserName: userName, SerialNumber: d.serial, AuthenticationCode1: totp(d.seed, now), AuthenticationCode2: totp(d.seed, now, 1) }),
  )
  return d
}

beforeEach(() => {
  now = Math.ceil(Date.now() / STEP) * STEP
  em = createEmulator({ clock: { now: () => now } })
})

describe('virtual MFA devices (IAM)', () => {
  it('CreateVirtualMFADevice: serial ARN, a 64-character base32 seed, a valid PNG; a second one of the same name is refused', async () => {
    const d = await device('alice-mfa')
    expect(d.serial).toBe(`arn:aws:iam::${ACCT}:mfa/alice-mfa`)
    expect(d.seed).toMatch(/^[A-Z2-7]{64}$/)
    // PNG: signature, then IHDR ... IEND chunks; the image data inflates to 21 rows of 1+21 bytes.
    const png = Buffer.from(d.png)
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const chunks: string[] = []
    let idat = Buffer.alloc(0)
    for (let at = 8; at < png.length; ) {
      const len = png.readUInt32BE(at)
      const type = png.subarray(at + 4, at + 8).toString('latin1')
      chunks.push(type)
      if (type === 'IDAT') idat = png.subarray(at + 8, at + 8 + len)
      at += 12 + len
    }
    expect(chunks).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND'])
    expect(inflateSync(idat).length).toBe(21 * 22)
    expect(png.toString('latin1')).toContain(`otpauth://totp/alice-mfa@${ACCT}?secret=${d.seed}`)
    expect(await failure(clients(em, em.root).iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-mfa' })))).toEqual({
      name: 'EntityAlreadyExistsException',
      status: 409,
      message: 'MFA device already exists.',
    })
    const pathed = await clients(em, em.root).iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'x', Path: '/team/' }))
    expect(pathed.VirtualMFADevice!.SerialNumber).toBe(`arn:aws:iam::${ACCT}:mfa/team/x`)
  })

  it('EnableMFADevice takes two consecutive codes; a wrong pair is InvalidAuthenticationCode; lists show the assignment', async () => {
    await user('alice')
    const d = await device('alice-mfa')
    const iam = clients(em, em.root).iam
    const enable = (c1: string, c2: string) => iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: d.serial, AuthenticationCode1: c1, AuthenticationCode2: c2 }))
    const invalid = { name: 'InvalidAuthenticationCodeException', status: 403, message: 'Authentication code for device is not valid.' }
    expect(await failure(enable(totp(d.seed, now), totp(d.seed, now)))).toEqual(invalid)
    expect(await failure(enable(totp(d.seed, now, 1), totp(d.seed, now)))).toEqual(invalid)
    expect(await failure(enable(totp(d.seed, now, -3), totp(d.seed, now, -2)))).toEqual(invalid)
    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices!.map((v) => v.SerialNumber)).toEqual([d.serial])
    await enable(totp(d.seed, now), totp(d.seed, now, 1))
    const listed = (await iam.send(new ListMFADevicesCommand({ UserName: 'alice' }))).MFADevices!
    expect(listed.map((m) => [m.UserName, m.SerialNumber, m.EnableDate!.getTime()])).toEqual([['alice', d.serial, Math.floor(now / 1000) * 1000]])
    const assigned = (await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }))).VirtualMFADevices!
    expect(assigned.map((v) => [v.SerialNumber, v.User!.UserName, v.User!.Arn])).toEqual([[d.serial, 'alice', `arn:aws:iam::${ACCT}:user/alice`]])
    expect((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices).toEqual([])
    // The device is taken: no second user, no delete, and its user cannot be deleted.
    await user('bob')
    expect(await failure(iam.send(new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: d.serial, AuthenticationCode1: totp(d.seed, now), AuthenticationCode2: totp(d.seed, now, 1) })))).toEqual({
      name: 'EntityAlreadyExistsException',
      status: 409,
      message: 'MFA Device is already in use.',
    })
    expect((await failure(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: d.serial })))).name).toBe('DeleteConflictException')
  })

  it('ResyncMFADevice checks the pair; DeactivateMFADevice removes the virtual device, as AWS does', async () => {
    await user('alice')
    const d = await enabled('alice', 'alice-mfa')
    const iam = clients(em, em.root).iam
    now += 10 * STEP
    expect((await failure(iam.send(new ResyncMFADeviceCommand({ UserName: 'alice', SerialNumber: d.serial, AuthenticationCode1: '000000', AuthenticationCode2: '000001' })))).name).toBe('InvalidAuthenticationCodeException')
    await iam.send(new ResyncMFADeviceCommand({ UserName: 'alice', SerialNumber: d.serial, AuthenticationCode1: totp(d.seed, now), AuthenticationCode2: totp(d.seed, now, 1) }))
    await iam.send(new DeactivateMFADeviceCommand({ UserName: 'alice', SerialNumber: d.serial }))
    expect((await iam.send(new ListMFADevicesCommand({ UserName: 'alice' }))).MFADevices).toEqual([])
    expect((await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices).toEqual([])
    expect(em.inventory().mfaDevices).toEqual([])
    expect(await failure(iam.send(new DeactivateMFADeviceCommand({ UserName: 'alice', SerialNumber: d.serial })))).toEqual({
      name: 'NoSuchEntityException',
      status: 404,
      message: `MFA Device with serial number ${d.serial} does not exist.`,
    })
    expect((await failure(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: d.serial })))).message).toBe(`MFA Device with serial number ${d.serial} does not exist.`)
  })

  it('DeleteUser refuses a user with an MFA device; tags on devices', async () => {
    await user('carol')
    const iam = clients(em, em.root).iam
    const d = await enabled('carol', 'carol-mfa')
    await iam.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: [{ Key: 'team', Value: 'a' }, { Key: 'env', Value: 'lab' }] }))
    await iam.send(new UntagMFADeviceCommand({ SerialNumber: d.serial, TagKeys: ['env'] }))
    expect((await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: d.serial }))).Tags).toEqual([{ Key: 'team', Value: 'a' }])
    const key = (await iam.send(new ListAccessKeysCommand({ UserName: 'carol' }))).AccessKeyMetadata![0]!
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'carol', AccessKeyId: key.AccessKeyId! }))
    expect(await failure(iam.send(new DeleteUserCommand({ UserName: 'carol' })))).toEqual({
      name: 'DeleteConflictException',
      status: 409,
      message: 'Cannot delete entity, must delete MFA device first.',
    })
  })
})

describe('MFA at sign-in (GetSessionToken, AssumeRole)', () => {
  const denied = (message: string) => ({ name: 'AccessDenied', status: 403, message })

  it('refuses a serial without a code, a code without a serial, another user\'s serial and a wrong code, with AWS\'s messages', async () => {
    const alice = await user('alice')
    await user('bob')
    const a = await enabled('alice', 'alice-mfa')
    const b = await enabled('bob', 'bob-mfa')
    const sts = clients(em, alice).sts
    expect(await failure(sts.send(new GetSessionTokenCommand({ SerialNumber: a.serial })))).toEqual(denied(UNABLE))
    expect(await failure(sts.send(new GetSessionTokenCommand({ TokenCode: totp(a.seed, now) })))).toEqual(denied(UNABLE))
    expect(await failure(sts.send(new GetSessionTokenCommand({ SerialNumber: b.serial, TokenCode: totp(b.seed, now) })))).toEqual(denied(UNABLE))
    expect(await failure(sts.send(new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${ACCT}:mfa/nobody`, TokenCode: '123456' })))).toEqual(denied(UNABLE))
    const wrong = totp(a.seed, now) === '000000' ? '000001' : '000000'
    expect(await failure(sts.send(new GetSessionTokenCommand({ SerialNumber: a.serial, TokenCode: wrong })))).toEqual(denied(INVALID))
    // The root user has no device of its own here.
    expect(await failure(clients(em, em.root).sts.send(new GetSessionTokenCommand({ SerialNumber: a.serial, TokenCode: totp(a.seed, now) })))).toEqual(denied(UNABLE))
  })

  it('accepts the previous, current and next step\'s code and nothing further (window edges), each code once', async () => {
    const alice = await user('alice')
    const a = await enabled('alice', 'alice-mfa')
    const sts = clients(em, alice).sts
    const get = (code: string) => sts.send(new GetSessionTokenCommand({ SerialNumber: a.serial, TokenCode: code }))
    // now sits exactly on a step boundary: step s starts at `now`.
    now += 10 * STEP
    expect(await failure(get(totp(a.seed, now, -2)))).toEqual(denied(INVALID))
    expect(await failure(get(totp(a.seed, now, 2)))).toEqual(denied(INVALID))
    // The last millisecond of step s-1 makes s-2 the previous step: its code passes there.
    now -= 1
    await get(totp(a.seed, now, -1))
    now += 1
    // Same code again (step s-2 < last used): refused as invalid; s-1 still passes once.
    expect(await failure(get(totp(a.seed, now, -2)))).toEqual(denied(INVALID))
    await get(totp(a.seed, now, -1))
    expect(await failure(get(totp(a.seed, now, -1)))).toEqual(denied(INVALID))
    await get(totp(a.seed, now))
    await get(totp(a.seed, now, 1))
    now += 2 * STEP - 1 // last millisecond of step s+1
    expect(await failure(get(totp(a.seed, now)))).toEqual(denied(INVALID)) // s+1, already used
    await get(totp(a.seed, now, 1)) // s+2
  })

  it('sessions carry aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge; a trust policy requiring MFA refuses a session without it', async () => {
    const alice = await user('alice')
    const a = await enabled('alice', 'alice-mfa')
    const root = clients(em, em.root)
    const trust = doc([
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
    ])
    const role = (await root.iam.send(new CreateRoleCommand({ RoleName: 'Admin', AssumeRolePolicyDocument: trust }))).Role!
    await root.iam.send(
      new PutRolePolicyCommand({
        RoleName: 'Admin',
        PolicyName: 'fresh-mfa',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '300' } } }]),
      }),
    )
    const sts = clients(em, alice).sts
    expect((await failure(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'no-mfa' })))).name).toBe('AccessDenied')
    const wrong = totp(a.seed, now) === '000000' ? '000001' : '000000'
    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'xx', SerialNumber: a.serial, TokenCode: wrong })))).toEqual(denied(INVALID))
    const c = (await sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'mfa', SerialNumber: a.serial, TokenCode: totp(a.seed, now) }))).Credentials!
    const session = clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    await session.s3.send(new ListBucketsCommand({}))
    now += 299_000
    await session.s3.send(new ListBucketsCommand({}))
    now += 1_000 // MultiFactorAuthAge is now 300: no longer less than 300
    expect((await failure(session.s3.send(new ListBucketsCommand({})))).name).toBe('AccessDenied')
  })
})
