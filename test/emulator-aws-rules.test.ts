import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand } from '@aws-sdk/client-iam'
import { CreateBucketCommand, DeleteBucketPolicyCommand, GetBucketPolicyCommand, ListObjectsV2Command, PutBucketPolicyCommand } from '@aws-sdk/client-s3'
import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure } from './emulator-helpers.js'

const ACCT = '123456789012'

describe('AWS rules the labs depend on (issue 14, item 4)', () => {
  it('the bucket owner account\'s root may always get, put and delete the bucket policy, even when it denies everyone', async () => {
    const em = createEmulator()
    const root = clients(em, em.root, { forcePathStyle: true })
    await root.s3.send(new CreateBucketCommand({ Bucket: 'lab-locked' }))
    const denyAll = doc([{ Sid: 'DenyAll', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::lab-locked', 'arn:aws:s3:::lab-locked/*'] }])
    await root.s3.send(new PutBucketPolicyCommand({ Bucket: 'lab-locked', Policy: denyAll }))
    // Other calls are denied to the root user too...
    expect((await failure(root.s3.send(new ListObjectsV2Command({ Bucket: 'lab-locked' })))).name).toBe('AccessDenied')
    // ...but not the three bucket policy calls.
    expect((await root.s3.send(new GetBucketPolicyCommand({ Bucket: 'lab-locked' }))).Policy).toBe(denyAll)
    await root.s3.send(new PutBucketPolicyCommand({ Bucket: 'lab-locked', Policy: denyAll }))
    // An IAM user of the same account with s3:* is still denied by the policy.
    await root.iam.send(new CreateUserCommand({ UserName: 'admin' }))
    await root.iam.send(new (await import('@aws-sdk/client-iam')).PutUserPolicyCommand({ UserName: 'admin', PolicyName: 'all', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]) }))
    const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'admin' }))).AccessKey!
    const admin = clients(em, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }, { forcePathStyle: true })
    expect((await failure(admin.s3.send(new DeleteBucketPolicyCommand({ Bucket: 'lab-locked' })))).name).toBe('AccessDenied')
    await root.s3.send(new DeleteBucketPolicyCommand({ Bucket: 'lab-locked' }))
    await root.s3.send(new ListObjectsV2Command({ Bucket: 'lab-locked' }))
  })

  it('session tag keys are case-insensitive: team and Team in one AssumeRole are refused', async () => {
    const em = createEmulator()
    const root = clients(em, em.root)
    await root.iam.send(new CreateUserCommand({ UserName: 'alice' }))
    const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!
    const trust = doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` }, Action: ['sts:AssumeRole', 'sts:TagSession'] }])
    const role = (await root.iam.send(new CreateRoleCommand({ RoleName: 'tagged', AssumeRolePolicyDocument: trust }))).Role!
    const sts = clients(em, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).sts
    const tags = [{ Key: 'team', Value: 'a' }, { Key: 'Team', Value: 'b' }]
    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'tags', Tags: tags })))).toEqual({
      name: 'InvalidParameterValue',
      status: 400,
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    })
    await sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'tags', Tags: [tags[0]!] }))
  })
})
