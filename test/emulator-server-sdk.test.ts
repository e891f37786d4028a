import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  DetachRolePolicyCommand,
  IAMClient,
} from '@aws-sdk/client-iam'
import { CreateBucketCommand, DeleteBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, DECISION_HEADER, type Emulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import { doc, failure, type Creds } from './emulator-helpers.js'

let offset = 0
let em: Emulator
let server: RunningServer

beforeAll(async () => {
  em = createEmulator({ clock: { now: () => Date.now() + offset } })
  server = await startServer(em, { port: 0 })
})
afterAll(async () => {
  await server.close()
})

function over(creds: Creds) {
  const base = { region: 'us-east-1', endpoint: server.url, credentials: creds, maxAttempts: 1 }
  return { iam: new IAMClient(base), sts: new STSClient(base), s3: new S3Client({ ...base, forcePathStyle: true }) }
}

describe('iamflow serve over loopback with the real SDK v3 (node:http)', () => {
  it('seed flow: user, key, role trusting the user, policy, attach, assume, list buckets, clean up', async () => {
    const root = over(em.root)
    await root.s3.send(new CreateBucketCommand({ Bucket: 'seed-bucket' }))
    await root.iam.send(new CreateUserCommand({ UserName: 'seed-user' }))
    const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'seed-user' }))).AccessKey!
    const user = over({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
    const role = (
      await root.iam.send(
        new CreateRoleCommand({
          RoleName: 'seed-role',
          AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/seed-user' }, Action: 'sts:AssumeRole' }]),
        }),
      )
    ).Role!
    const policy = (
      await root.iam.send(
        new CreatePolicyCommand({ PolicyName: 'seed-list', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }]) }),
      )
    ).Policy!
    await root.iam.send(new AttachRolePolicyCommand({ RoleName: 'seed-role', PolicyArn: policy.Arn }))
    // The user itself may not list buckets...
    expect((await failure(user.s3.send(new ListBucketsCommand({}))))).toMatchObject({ name: 'AccessDenied', status: 403 })
    // ...but the role session may.
    const c = (await user.sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'seed' }))).Credentials!
    const session = over({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    expect((await session.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:sts::123456789012:assumed-role/seed-role/seed')
    expect((await session.s3.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name)).toEqual(['seed-bucket'])
    await root.iam.send(new DetachRolePolicyCommand({ RoleName: 'seed-role', PolicyArn: policy.Arn }))
    await root.iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn }))
    await root.iam.send(new DeleteRoleCommand({ RoleName: 'seed-role' }))
    await root.iam.send(new DeleteAccessKeyCommand({ UserName: 'seed-user', AccessKeyId: key.AccessKeyId }))
    await root.iam.send(new DeleteUserCommand({ UserName: 'seed-user' }))
    await root.s3.send(new DeleteBucketCommand({ Bucket: 'seed-bucket' }))
    expect(em.inventory()).toEqual({ accountId: '123456789012', users: [], roles: [], groups: [], policies: [], accessKeys: [], buckets: [], objects: [], oidcProviders: [], mfaDevices: [] })
  })

  it('refuses a wrong secret, an unknown key, a stale token and a skewed clock with AWS codes', async () => {
    const bad = over({ ...em.root, secretAccessKey: 'y'.repeat(40) })
    expect((await failure(bad.sts.send(new GetCallerIdentityCommand({})))).name).toBe('SignatureDoesNotMatch')
    expect((await failure(bad.s3.send(new ListBucketsCommand({})))).name).toBe('SignatureDoesNotMatch')
    const unknown = over({ accessKeyId: 'AKIAUNKNOWNUNKNOWN22', secretAccessKey: em.root.secretAccessKey })
    expect((await failure(unknown.iam.send(new CreateUserCommand({ UserName: 'x' })))).name).toBe('InvalidClientTokenId')
    expect(await failure(unknown.s3.send(new ListBucketsCommand({})))).toEqual({
      name: 'InvalidAccessKeyId',
      status: 403,
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    })
    const root = over(em.root)
    await root.iam.send(new CreateUserCommand({ UserName: 'stale' }))
    await root.iam.send(
      new CreateRoleCommand({
        RoleName: 'stale-role',
        AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/stale' }, Action: 'sts:AssumeRole' }]),
      }),
    )
    const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'stale' }))).AccessKey!
    const c = (
      await over({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }).sts.send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/stale-role', RoleSessionName: 'stale-session', DurationSeconds: 900 }),
      )
    ).Credentials!
    offset = 16 * 60 * 1000
    try {
      const stale = over({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
      expect(await failure(stale.sts.send(new GetCallerIdentityCommand({})))).toEqual({
        name: 'ExpiredToken',
        status: 403,
        message: 'The security token included in the request is expired',
      })
      expect(await failure(stale.s3.send(new ListBucketsCommand({})))).toEqual({ name: 'ExpiredToken', status: 400, message: 'The provided token has expired.' })
      // Long-term keys, signed 16 minutes behind the emulator's clock.
      const skewed = await failure(root.sts.send(new GetCallerIdentityCommand({})))
      expect(skewed.name).toBe('SignatureDoesNotMatch')
      expect(skewed.message).toMatch(/^Signature expired: /)
      expect(await failure(root.s3.send(new ListBucketsCommand({})))).toMatchObject({ name: 'RequestTimeTooSkewed', status: 403 })
    } finally {
      offset = 0
    }
  })

  it('answers the decision header and keeps connections alive', async () => {
    const res = await fetch(`${server.url}/`, { method: 'POST', body: 'Action=GetCallerIdentity&Version=2011-06-15', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(res.status).toBe(403)
    const text = await res.text()
    expect(text).toContain('<Code>MissingAuthenticationToken</Code>')
    expect(text).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">')
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    const anon = await fetch(`${server.url}/`)
    expect(anon.status).toBe(403)
    expect(await anon.text()).toContain('<Code>AccessDenied</Code>')
    expect(anon.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/)
    expect(anon.headers.get(DECISION_HEADER)).toBeNull()
  })
})
