import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam'
import { CreateBucketCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { clients, doc, failure, type Creds } from './emulator-helpers.js'

const ACCT = '123456789012'
const ROLE_ARN = `arn:aws:iam::${ACCT}:role/Reader`
const SESSION_ARN = `arn:aws:sts::${ACCT}:assumed-role/Reader/lab`
const trust = doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` }, Action: 'sts:AssumeRole' }])
const rolePolicy = doc([{ Effect: 'Allow', Action: ['iam:GetRole', 's3:GetObject'], Resource: '*' }])

async function createRole(root: ReturnType<typeof clients>): Promise<string> {
  const role = (await root.iam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: trust }))).Role!
  await root.iam.send(new PutRolePolicyCommand({ RoleName: 'Reader', PolicyName: 'read', PolicyDocument: rolePolicy }))
  return role.RoleId!
}

async function assume(em: Emulator, alice: Creds) {
  const c = (await clients(em, alice).sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'lab' }))).Credentials!
  return clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }, { forcePathStyle: true })
}

async function deleteRole(root: ReturnType<typeof clients>) {
  await root.iam.send(new DeleteRolePolicyCommand({ RoleName: 'Reader', PolicyName: 'read' }))
  await root.iam.send(new DeleteRoleCommand({ RoleName: 'Reader' }))
}

const denied = (action: string, resource: string) =>
  `User: ${SESSION_ARN} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`

describe('sessions of a deleted (or deleted and re-created) role', () => {
  it('get nothing: every request is AccessDenied, even where a bucket policy names the role or the session; GetCallerIdentity still answers', async () => {
    const em = createEmulator()
    const root = clients(em, em.root, { forcePathStyle: true })
    await root.iam.send(new CreateUserCommand({ UserName: 'alice' }))
    const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!
    const alice: Creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
    const oldRoleId = await createRole(root)
    await root.s3.send(new CreateBucketCommand({ Bucket: 'lab-data' }))
    await root.s3.send(new PutObjectCommand({ Bucket: 'lab-data', Key: 'a.txt', Body: 'a' }))
    await root.s3.send(new PutObjectCommand({ Bucket: 'lab-data', Key: 'b.txt', Body: 'b' }))
    const policy = doc([
      { Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data/a.txt' },
      { Effect: 'Allow', Principal: { AWS: SESSION_ARN }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::lab-data/b.txt' },
    ])
    await root.s3.send(new PutBucketPolicyCommand({ Bucket: 'lab-data', Policy: policy }))

    const old = await assume(em, alice)
    expect(await (await old.s3.send(new GetObjectCommand({ Bucket: 'lab-data', Key: 'a.txt' }))).Body!.transformToString()).toBe('a')

    await deleteRole(root)
    for (const k of ['a.txt', 'b.txt']) {
      expect(await failure(old.s3.send(new GetObjectCommand({ Bucket: 'lab-data', Key: k })))).toEqual({
        name: 'AccessDenied',
        status: 403,
        message: denied('s3:GetObject', `"arn:aws:s3:::lab-data/${k}"`),
      })
    }
    expect(await old.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: SESSION_ARN, UserId: `${oldRoleId}:lab`, Account: ACCT })

    // Re-created with the same name, trust and policy: a different role; the old session still gets nothing.
    const newRoleId = await createRole(root)
    expect(newRoleId).not.toBe(oldRoleId)
    expect(await failure(old.iam.send(new GetRoleCommand({ RoleName: 'Reader' })))).toEqual({
      name: 'AccessDenied',
      status: 403,
      // IAM names GetRole's resource `role <name>` (real denials; denial-resource.ts).
      message: denied('iam:GetRole', 'role Reader'),
    })
    expect(await failure(old.s3.send(new GetObjectCommand({ Bucket: 'lab-data', Key: 'b.txt' })))).toMatchObject({ name: 'AccessDenied' })
    const fresh = await assume(em, alice)
    expect((await fresh.iam.send(new GetRoleCommand({ RoleName: 'Reader' }))).Role!.RoleId).toBe(newRoleId)
    expect(await (await fresh.s3.send(new GetObjectCommand({ Bucket: 'lab-data', Key: 'b.txt' }))).Body!.transformToString()).toBe('b')
  })
})
