import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetAccountSummaryCommand,
  GetMFADeviceCommand,
  GetServerCertificateCommand,
  ListServerCertificateTagsCommand,
  SetSecurityTokenServicePreferencesCommand,
  TagServerCertificateCommand,
  UntagServerCertificateCommand,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { totp } from '../src/totp.js'
import { clients, failure, userClients } from './emulator-helpers.js'

/**
 * The last IAM operations the emulator lacked (issue 15): GetMFADevice, the server certificate
 * tag operations and SetSecurityTokenServicePreferences, through SDK v3, with their errors and
 * the AccessDenied a caller without permission gets.
 */

const ACCOUNT = '123456789012'

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function selfSigned(cn: string): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-cert-'))
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-subj', `/CN=${cn}`, '-days', '30'], { stdio: 'ignore' })
    return { cert: readFileSync(join(dir, 'c.pem'), 'utf8'), key: readFileSync(join(dir, 'k.pem'), 'utf8') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe.skipIf(!hasOpenssl())('server certificate tags', () => {
  it('tags, lists, untags; case-insensitive keys, reserved prefix, unknown certificate, AccessDenied on the ARN', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    const a = selfSigned('a.example')
    await iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', Path: '/lb/', CertificateBody: a.cert, PrivateKey: a.key, Tags: [{ Key: 'team', Value: 'a' }] }))
    await iam.send(new TagServerCertificateCommand({ ServerCertificateName: 'web', Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'TEAM', Value: 'b' }] }))
    expect((await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'web' }))).Tags).toEqual([{ Key: 'TEAM', Value: 'b' }, { Key: 'env', Value: 'dev' }])
    const page = await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'web', MaxItems: 1 }))
    expect([page.Tags, page.IsTruncated]).toEqual([[{ Key: 'TEAM', Value: 'b' }], true])
    await iam.send(new UntagServerCertificateCommand({ ServerCertificateName: 'web', TagKeys: ['team', 'absent'] }))
    expect((await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' }))).ServerCertificate!.Tags).toEqual([{ Key: 'env', Value: 'dev' }])
    expect(await failure(iam.send(new TagServerCertificateCommand({ ServerCertificateName: 'web', Tags: [{ Key: 'aws:x', Value: 'v' }] })))).toMatchObject({ name: 'InvalidInputException', status: 400 })
    expect(await failure(iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'nope' })))).toEqual({
      name: 'NoSuchEntityException', status: 404, message: 'The Server Certificate with name nope cannot be found.',
    })
    const tooMany = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
    expect(await failure(iam.send(new TagServerCertificateCommand({ ServerCertificateName: 'web', Tags: tooMany })))).toMatchObject({ name: 'LimitExceededException', status: 409 })

    // A caller allowed only for certificates tagged env=prod is refused on this one (aws:ResourceTag).
    const bob = await userClients(em, 'bob', [{ Effect: 'Allow', Action: 'iam:*ServerCertificateTags', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } }])
    const denied = await failure(bob.iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'web' })))
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(denied.message).toBe(`User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: iam:ListServerCertificateTags on resource: arn:aws:iam::${ACCOUNT}:server-certificate/lb/web because no identity-based policy allows the iam:ListServerCertificateTags action`)
    expect((await failure(bob.iam.send(new TagServerCertificateCommand({ ServerCertificateName: 'web', Tags: [{ Key: 'x', Value: 'y' }] })))).message).toContain(`iam:TagServerCertificate on resource: arn:aws:iam::${ACCOUNT}:server-certificate/lb/web `)
    expect((await failure(bob.iam.send(new UntagServerCertificateCommand({ ServerCertificateName: 'web', TagKeys: ['env'] })))).message).toContain(`iam:UntagServerCertificate on resource: arn:aws:iam::${ACCOUNT}:server-certificate/lb/web `)
  })
})

describe('GetMFADevice', () => {
  it("answers for the user's assigned device; NoSuchEntity otherwise; AccessDenied names the user", async () => {
    let now = Math.ceil(Date.now() / 30_000) * 30_000
    const em = createEmulator({ clock: { now: () => now } })
    const { iam } = clients(em, em.root)
    await iam.send(new CreateUserCommand({ UserName: 'alice' }))
    const d = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }))).VirtualMFADevice!
    const seed = new TextDecoder().decode(d.Base32StringSeed!)
    const serial = d.SerialNumber!
    expect(await failure(iam.send(new GetMFADeviceCommand({ UserName: 'alice', SerialNumber: serial })))).toEqual({
      name: 'NoSuchEntityException', status: 404, message: `MFA Device with serial number ${serial} does not exist.`,
    })
    await iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, AuthenticationCode1: totp(seed, now), AuthenticationCode2: totp(seed, now, 1) }))
    const enabledAt = now
    now += 60_000
    const got = await iam.send(new GetMFADeviceCommand({ UserName: 'alice', SerialNumber: serial }))
    expect([got.UserName, got.SerialNumber, got.EnableDate!.getTime(), got.Certifications]).toEqual(['alice', serial, enabledAt, undefined])
    expect(await failure(iam.send(new GetMFADeviceCommand({ UserName: 'nobody', SerialNumber: serial })))).toMatchObject({ name: 'NoSuchEntityException', status: 404 })

    // Without UserName, the caller's own device (a user may read its own).
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!
    const self = clients(em, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
    const denied = await failure(self.iam.send(new GetMFADeviceCommand({ SerialNumber: serial })))
    expect(denied.message).toBe(`User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: iam:GetMFADevice on resource: user alice because no identity-based policy allows the iam:GetMFADevice action`)
    const bob = await userClients(em, 'bob', [{ Effect: 'Allow', Action: 'iam:GetMFADevice', Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}` }])
    expect((await failure(bob.iam.send(new GetMFADeviceCommand({ UserName: 'alice', SerialNumber: serial })))).name).toBe('AccessDenied')
  })
})

describe('SetSecurityTokenServicePreferences', () => {
  it('stores the global endpoint token version; GetAccountSummary reports it; refuses other values', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    const version = async () => (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.GlobalEndpointTokenVersion
    expect(await version()).toBe(1)
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }))
    expect(await version()).toBe(2)
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v1Token' }))
    expect(await version()).toBe(1)
    const bad = await failure(iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v3Token' as 'v1Token' })))
    expect(bad).toMatchObject({ name: 'ValidationError', status: 400 })
    const bob = await userClients(em, 'bob')
    expect((await failure(bob.iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' })))).message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: iam:SetSecurityTokenServicePreferences on resource: * because no identity-based policy allows the iam:SetSecurityTokenServicePreferences action`,
    )
    expect(await version()).toBe(1)
  })
})
