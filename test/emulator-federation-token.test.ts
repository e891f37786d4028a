import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { ListBucketsCommand } from '@aws-sdk/client-s3'
import { GetCallerIdentityCommand, GetFederationTokenCommand } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure } from './emulator-helpers.js'

/** GetFederationToken through the real SDK v3 clients (STS API Reference, GetFederationToken). */

const ACCOUNT = '123456789012'

async function setup() {
  const em = createEmulator()
  const root = clients(em, em.root)
  await root.iam.send(new CreateUserCommand({ UserName: 'broker' }))
  await root.iam.send(
    new PutUserPolicyCommand({
      UserName: 'broker',
      PolicyName: 'broker',
      PolicyDocument: doc([
        { Effect: 'Allow', Action: ['sts:GetFederationToken', 's3:ListAllMyBuckets'], Resource: '*' },
      ]),
    }),
  )
  const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'broker' }))).AccessKey!
  const broker = clients(em, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
  const federated = async (input: Partial<ConstructorParameters<typeof GetFederationTokenCommand>[0]> = {}) => {
    const out = await broker.sts.send(new GetFederationTokenCommand({ Name: 'alice', ...input }))
    const c = out.Credentials!
    return { out, c: clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }) }
  }
  return { em, root, broker, federated }
}

describe('GetFederationToken', () => {
  it('issues a federated-user session: ARN, id, default 12 hours; GetCallerIdentity names it', async () => {
    const { em, federated } = await setup()
    const { out, c } = await federated({ Policy: doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]) })
    expect(out.FederatedUser).toEqual({ FederatedUserId: `${ACCOUNT}:alice`, Arn: `arn:aws:sts::${ACCOUNT}:federated-user/alice` })
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA/)
    // Expiration is whole seconds and the clock moves on while the call returns: 12 h, give or take 2 s.
    expect(out.Credentials!.Expiration!.getTime() - em.clock.now()).toBeGreaterThan(43_198_000)
    expect(out.PackedPolicySize).toBeGreaterThan(0)
    const who = await c.sts.send(new GetCallerIdentityCommand({}))
    expect([who.Arn, who.UserId, who.Account]).toEqual([`arn:aws:sts::${ACCOUNT}:federated-user/alice`, `${ACCOUNT}:alice`, ACCOUNT])
  })

  it('permissions are the intersection of the user policies and the session policy; none passed, none at all', async () => {
    const { federated } = await setup()
    const none = (await federated()).c
    const denied = await failure(none.s3.send(new ListBucketsCommand({})))
    expect([denied.name, denied.status]).toEqual(['AccessDenied', 403])
    const both = (await federated({ Policy: doc([{ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 'iam:ListUsers'], Resource: '*' }]) })).c
    await both.s3.send(new ListBucketsCommand({}))
    // The session policy allows iam:ListUsers, the user's policies do not.
    expect((await failure(both.iam.send(new ListUsersCommand({})))).name).toBe('AccessDenied')
  })

  it('refuses session credentials, a caller without sts:GetFederationToken, and bad input, with AWS codes', async () => {
    const { em, root, federated, broker } = await setup()
    const { c } = await federated({ Policy: doc([{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }]) })
    expect(await failure(c.sts.send(new GetFederationTokenCommand({ Name: 'bob' })))).toEqual({ name: 'AccessDenied', status: 403, message: 'Cannot call GetFederationToken with session credentials' })
    await root.iam.send(new CreateUserCommand({ UserName: 'nobody' }))
    const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!
    const nobody = clients(em, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
    const f = await failure(nobody.sts.send(new GetFederationTokenCommand({ Name: 'bob' })))
    expect(f).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(f.message).toContain(`arn:aws:iam::${ACCOUNT}:user/nobody is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::${ACCOUNT}:federated-user/bob`)
    const v = await failure(broker.sts.send(new GetFederationTokenCommand({ Name: 'a', DurationSeconds: 899 })))
    expect(v.name).toBe('ValidationError')
    expect(v.message).toMatch(/^2 validation errors detected: /)
    // Root may call it, for at most an hour.
    const r = await failure(root.sts.send(new GetFederationTokenCommand({ Name: 'rooted', DurationSeconds: 3601 })))
    expect(r.name).toBe('ValidationError')
    await root.sts.send(new GetFederationTokenCommand({ Name: 'rooted', DurationSeconds: 3600 }))
  })
})

describe('DecodeAuthorizationMessage', () => {
  it('decodes the encoded message of an emulator denial; needs sts:DecodeAuthorizationMessage; refuses other messages', async () => {
    const { DecodeAuthorizationMessageCommand } = await import('@aws-sdk/client-sts')
    const { em, root, federated } = await setup()
    // A denial carries its encoded message in the x-iamflow-decision header.
    const { c } = await federated()
    let header: string | undefined
    try {
      await c.s3.send(new ListBucketsCommand({}))
    } catch (e) {
      header = (e as { $response?: { headers: Record<string, string> } }).$response?.headers['x-iamflow-decision']
    }
    const encoded = JSON.parse(header!).encodedMessage as string
    expect(encoded).toMatch(/^iamflow-[A-Za-z0-9_-]+$/)
    const out = await root.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }))
    const decoded = JSON.parse(out.DecodedMessage!)
    expect(decoded).toMatchObject({
      allowed: false,
      explicitDeny: false,
      context: { principal: { arn: `arn:aws:sts::${ACCOUNT}:federated-user/alice` }, action: 's3:ListAllMyBuckets', resource: '*' },
    })
    const bad = await failure(root.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'not-one-of-ours' })))
    expect([bad.name, bad.status]).toEqual(['InvalidAuthorizationMessageException', 400])
    // The broker user's policy does not allow sts:DecodeAuthorizationMessage.
    await root.iam.send(new CreateUserCommand({ UserName: 'reader' }))
    const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'reader' }))).AccessKey!
    const reader = clients(em, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
    const denied = await failure(reader.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })))
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(denied.message).toContain('is not authorized to perform: sts:DecodeAuthorizationMessage')
  })
})
