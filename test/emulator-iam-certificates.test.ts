import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateUserCommand,
  DeleteServerCertificateCommand,
  DeleteSigningCertificateCommand,
  GetServerCertificateCommand,
  ListServerCertificatesCommand,
  ListSigningCertificatesCommand,
  UpdateServerCertificateCommand,
  UploadServerCertificateCommand,
  UploadSigningCertificateCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, failure, userClients } from './emulator-helpers.js'

const ACCOUNT = '123456789012'

function openssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const hasOpenssl = openssl()
if (!hasOpenssl) console.warn('openssl is not installed: the certificate tests are skipped')

/** A self-signed certificate and its private key (PEM), made by openssl. */
function selfSigned(cn: string): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-cert-'))
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-subj', `/CN=${cn}`, '-days', '30'], { stdio: 'ignore' })
    return { cert: readFileSync(join(dir, 'c.pem'), 'utf8'), key: readFileSync(join(dir, 'k.pem'), 'utf8') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe.skipIf(!hasOpenssl)('certificates through SDK v3', () => {
  it('server certificates: ASCA id, ARN with path, expiration from the certificate, key pair checked', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    const a = selfSigned('a.example')
    const b = selfSigned('b.example')
    const meta = (await iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', Path: '/lb/', CertificateBody: a.cert, PrivateKey: a.key }))).ServerCertificateMetadata!
    expect(meta.ServerCertificateId).toMatch(/^ASCA[A-Z0-9]{17}$/)
    expect(meta.Arn).toBe(`arn:aws:iam::${ACCOUNT}:server-certificate/lb/web`)
    expect(meta.Expiration!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000)
    expect(await failure(iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'x', CertificateBody: a.cert, PrivateKey: b.key })))).toMatchObject({ name: 'KeyPairMismatchException', status: 400 })
    expect(await failure(iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'x', CertificateBody: 'not pem', PrivateKey: a.key })))).toMatchObject({ name: 'MalformedCertificateException', status: 400 })
    expect(await failure(iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', CertificateBody: a.cert, PrivateKey: a.key })))).toMatchObject({ name: 'EntityAlreadyExistsException', status: 409 })
    const got = (await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' }))).ServerCertificate!
    expect(got.CertificateBody).toBe(a.cert)
    await iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'web', NewServerCertificateName: 'web2' }))
    expect((await iam.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList!.map((c) => c.Arn)).toEqual([`arn:aws:iam::${ACCOUNT}:server-certificate/lb/web2`])
    await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'web2' }))
    expect(await failure(iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'web2' })))).toEqual({
      name: 'NoSuchEntityException', status: 404, message: 'The Server Certificate with name web2 cannot be found.',
    })
    const bob = await userClients(em, 'bob')
    expect((await failure(bob.iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' })))).message).toContain(`iam:GetServerCertificate on resource: arn:aws:iam::${ACCOUNT}:server-certificate/web `)
  })

  it('signing certificates: two per user, duplicates and junk refused', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    await iam.send(new CreateUserCommand({ UserName: 'u' }))
    const [c1, c2, c3] = [selfSigned('1'), selfSigned('2'), selfSigned('3')]
    const up = (await iam.send(new UploadSigningCertificateCommand({ UserName: 'u', CertificateBody: c1.cert }))).Certificate!
    expect(up.CertificateId).toMatch(/^[A-Z0-9]{32}$/)
    expect([up.UserName, up.Status]).toEqual(['u', 'Active'])
    expect(await failure(iam.send(new UploadSigningCertificateCommand({ UserName: 'u', CertificateBody: c1.cert })))).toMatchObject({ name: 'DuplicateCertificateException', status: 409 })
    await iam.send(new UploadSigningCertificateCommand({ UserName: 'u', CertificateBody: c2.cert }))
    expect(await failure(iam.send(new UploadSigningCertificateCommand({ UserName: 'u', CertificateBody: c3.cert })))).toMatchObject({ name: 'LimitExceededException', message: 'Cannot exceed quota for CertificatesPerUser: 2' })
    expect(await failure(iam.send(new UploadSigningCertificateCommand({ UserName: 'u', CertificateBody: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' })))).toMatchObject({ name: 'MalformedCertificateException' })
    expect((await iam.send(new ListSigningCertificatesCommand({ UserName: 'u' }))).Certificates).toHaveLength(2)
    await iam.send(new DeleteSigningCertificateCommand({ UserName: 'u', CertificateId: up.CertificateId }))
    expect((await iam.send(new ListSigningCertificatesCommand({ UserName: 'u' }))).Certificates).toHaveLength(1)
  })
})
