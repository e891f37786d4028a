import { GetAccessKeyInfoCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { createEmulator, createInMemoryHandler, type Emulator } from '../src/emulator/index.js'

function sts(em: Emulator, creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, extra: object = {}) {
  return new STSClient({
    region: 'us-east-1',
    endpoint: 'http://localhost:4566',
    credentials: creds,
    requestHandler: createInMemoryHandler(em),
    maxAttempts: 1,
    ...extra,
  })
}

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } }
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode }
  }
  throw new Error('expected the call to fail')
}

describe('STS through the real SDK v3 client, in memory', () => {
  it('GetCallerIdentity as the root of the default account', async () => {
    const em = createEmulator()
    const out = await sts(em, em.root).send(new GetCallerIdentityCommand({}))
    expect(out.Account).toBe('123456789012')
    expect(out.Arn).toBe('arn:aws:iam::123456789012:root')
    expect(out.UserId).toBe('123456789012')
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('GetAccessKeyInfo names the account of long-term and temporary keys', async () => {
    const em = createEmulator()
    const other = em.createAccount('444455556666')
    const client = sts(em, em.root)
    expect((await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: other.accessKeyId }))).Account).toBe('444455556666')
    expect((await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: em.root.accessKeyId }))).Account).toBe('123456789012')
    const f = await failure(client.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'short' })))
    expect(f).toEqual({
      name: 'ValidationError',
      status: 400,
      message: "1 validation error detected: Value 'short' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16",
    })
  })

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const em = createEmulator()
    const f = await failure(sts(em, { ...em.root, secretAccessKey: 'x'.repeat(40) }).send(new GetCallerIdentityCommand({})))
    expect(f).toEqual({
      name: 'SignatureDoesNotMatch',
      status: 403,
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    })
  })

  it('refuses an unknown key with InvalidClientTokenId', async () => {
    const em = createEmulator()
    const f = await failure(sts(em, { accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', secretAccessKey: em.root.secretAccessKey }).send(new GetCallerIdentityCommand({})))
    expect(f).toEqual({ name: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' })
  })

  it('refuses a clock skewed by more than 15 minutes with the Signature expired message', async () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 0)
    const em = createEmulator({ clock: { now: () => now } })
    // The client signs with its real clock; move the emulator 20 minutes ahead of it.
    now = Date.now() + 20 * 60 * 1000
    const f = await failure(sts(em, em.root).send(new GetCallerIdentityCommand({})))
    expect(f.name).toBe('SignatureDoesNotMatch')
    expect(f.status).toBe(403)
    expect(f.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/)
  })
})
