import { createHash, generateKeyPairSync } from 'node:crypto'
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteSSHPublicKeyCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  GetSSHPublicKeyCommand,
  ListSSHPublicKeysCommand,
  UpdateSSHPublicKeyCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, failure, userClients } from './emulator-helpers.js'

const ACCOUNT = '123456789012'

/** An OpenSSH `ssh-rsa` public key line and its blob. */
function sshRsaKey(): { line: string; blob: Buffer } {
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' })
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, (b.length >> 8) & 0xff, b.length & 0xff]), b])
  const mpint = (b64: string) => {
    let b = Buffer.from(b64, 'base64url')
    if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b])
    return str(b)
  }
  const blob = Buffer.concat([str(Buffer.from('ssh-rsa')), mpint(jwk.e!), mpint(jwk.n!)])
  return { line: `ssh-rsa ${blob.toString('base64')} lab@example`, blob }
}

describe('credential report through SDK v3', () => {
  it('is absent until generated, then AWS columns as base64 text/csv', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    expect(await failure(iam.send(new GetCredentialReportCommand({})))).toMatchObject({ name: 'CredentialReportNotPresentException', status: 410 })
    await iam.send(new CreateUserCommand({ UserName: 'alice' }))
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9' }))
    await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))
    await iam.send(new CreateUserCommand({ UserName: 'bob' }))
    expect(await iam.send(new GenerateCredentialReportCommand({}))).toMatchObject({ State: 'STARTED', Description: 'No report exists. Starting a new report generation task' })
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE')
    const report = await iam.send(new GetCredentialReportCommand({}))
    expect(report.ReportFormat).toBe('text/csv')
    expect(report.GeneratedTime).toBeInstanceOf(Date)
    const lines = Buffer.from(report.Content!).toString('utf8').split('\n')
    expect(lines[0]).toBe(
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
        'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
        'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
        'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
    )
    const rows = lines.slice(1).map((l) => l.split(','))
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['<root_account>', `arn:aws:iam::${ACCOUNT}:root`],
      ['alice', `arn:aws:iam::${ACCOUNT}:user/alice`],
      ['bob', `arn:aws:iam::${ACCOUNT}:user/bob`],
    ])
    expect(rows.every((r) => r.length === 22)).toBe(true)
    const [alice, bob] = [rows[1]!, rows[2]!]
    expect(alice[3]).toBe('true')
    expect(alice[5]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/)
    expect(alice.slice(8, 10)).toEqual(['true', alice[9]])
    expect(alice[10]).toBe('N/A')
    expect(bob.slice(3, 8)).toEqual(['false', 'N/A', 'N/A', 'N/A', 'false'])
    expect(bob.slice(8)).toEqual(['false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A'])
    const nobody = await userClients(em, 'nobody')
    expect((await failure(nobody.iam.send(new GetCredentialReportCommand({})))).message).toBe(
      `User: ${nobody.arn} is not authorized to perform: iam:GetCredentialReport on resource: * because no identity-based policy allows the iam:GetCredentialReport action`,
    )
  })
})

describe('SSH public keys through SDK v3', () => {
  it('uploads with an APKA id and MD5 fingerprint, lists, updates, refuses duplicates and junk, deletes', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    await iam.send(new CreateUserCommand({ UserName: 'dev' }))
    const { line, blob } = sshRsaKey()
    const up = (await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: line }))).SSHPublicKey!
    expect(up.SSHPublicKeyId).toMatch(/^APKA[A-Z0-9]{16}$/)
    expect(up.Fingerprint).toBe(createHash('md5').update(blob).digest('hex').match(/../g)!.join(':'))
    expect([up.UserName, up.Status, up.SSHPublicKeyBody]).toEqual(['dev', 'Active', line])
    expect(await failure(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: line })))).toMatchObject({ name: 'DuplicateSSHPublicKeyException', status: 400 })
    expect(await failure(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: 'not a key' })))).toMatchObject({ name: 'UnrecognizedPublicKeyEncodingException', status: 400 })
    expect(await failure(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: `ssh-rsa ${Buffer.from('junk').toString('base64')}` })))).toMatchObject({ name: 'InvalidPublicKeyException' })
    await iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: up.SSHPublicKeyId, Status: 'Inactive' }))
    const listed = (await iam.send(new ListSSHPublicKeysCommand({ UserName: 'dev' }))).SSHPublicKeys!
    expect(listed.map((k) => [k.SSHPublicKeyId, k.Status])).toEqual([[up.SSHPublicKeyId, 'Inactive']])
    expect((await iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: up.SSHPublicKeyId, Encoding: 'SSH' }))).SSHPublicKey!.SSHPublicKeyBody).toBe(line)
    await iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: up.SSHPublicKeyId }))
    expect(await failure(iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: up.SSHPublicKeyId, Encoding: 'SSH' })))).toMatchObject({
      name: 'NoSuchEntityException', status: 404, message: `The Public Key with id ${up.SSHPublicKeyId} cannot be found.`,
    })
    const other = await userClients(em, 'other')
    expect((await failure(other.iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: line })))).message).toBe(
      `User: ${other.arn} is not authorized to perform: iam:UploadSSHPublicKey on resource: user dev because no identity-based policy allows the iam:UploadSSHPublicKey action`,
    )
  })
})

describe('service-specific credentials through SDK v3', () => {
  it('creates ACCA credentials with a one-time password, two per service, and resets, updates, deletes them', async () => {
    const { CreateServiceSpecificCredentialCommand, ListServiceSpecificCredentialsCommand, ResetServiceSpecificCredentialCommand, UpdateServiceSpecificCredentialCommand, DeleteServiceSpecificCredentialCommand } = await import('@aws-sdk/client-iam')
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    await iam.send(new CreateUserCommand({ UserName: 'dev' }))
    const c = (await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'codecommit.amazonaws.com' }))).ServiceSpecificCredential!
    expect(c.ServiceSpecificCredentialId).toMatch(/^ACCA[A-Z0-9]{17}$/)
    expect([c.ServiceUserName, c.Status, c.ServicePassword!.length]).toEqual([`dev-at-${ACCOUNT}`, 'Active', 44])
    await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'codecommit.amazonaws.com' }))
    expect(await failure(iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'codecommit.amazonaws.com' })))).toMatchObject({ name: 'LimitExceededException', status: 409 })
    expect(await failure(iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 's3.amazonaws.com' })))).toMatchObject({ name: 'ServiceNotSupportedException', status: 404 })
    const reset = (await iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'dev', ServiceSpecificCredentialId: c.ServiceSpecificCredentialId }))).ServiceSpecificCredential!
    expect(reset.ServicePassword).not.toBe(c.ServicePassword)
    await iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceSpecificCredentialId: c.ServiceSpecificCredentialId, Status: 'Inactive' }))
    const listed = (await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'dev' }))).ServiceSpecificCredentials!
    expect(listed.find((x) => x.ServiceSpecificCredentialId === c.ServiceSpecificCredentialId)).toMatchObject({ Status: 'Inactive', ServiceName: 'codecommit.amazonaws.com' })
    expect(JSON.stringify(listed)).not.toContain(reset.ServicePassword!)
    await iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'dev', ServiceSpecificCredentialId: c.ServiceSpecificCredentialId }))
    expect((await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'dev' }))).ServiceSpecificCredentials).toHaveLength(1)
  })
})
