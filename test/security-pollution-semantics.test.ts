import { CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPolicyCommand, TagUserCommand } from '@aws-sdk/client-iam'
import { CreateBucketCommand } from '@aws-sdk/client-s3'
import { beforeEach, describe, expect, it } from 'vitest'
import { compilePolicy } from '../src/policy/index.js'
import { signedRequest } from './emulator-signing.js'
import { ACCOUNT, buildWorld, outcomeOf, queryCall, type World } from './helpers/pollution.js'
import { policy } from './helpers/reliability/memory.js'

/**
 * Keys that look like prototype names are ordinary data where AWS says so: a tag key, an S3
 * metadata name, a Query map key may be `__proto__`, and must then work like any other key.
 * Where AWS refuses them (an unknown principal type), they must be refused; where it accepts
 * them (a condition key without a vendor) they must constrain, never be silently dropped (a
 * dropped condition makes a statement unconditional).
 * Each of these failed on the code before issue 12's fix.
 */
let w: World

beforeEach(async () => {
  w = await buildWorld()
})

describe('forbidden words as data keys work like any other key', () => {
  it('a user tag keyed __proto__ is seen by aws:PrincipalTag/__proto__', async () => {
    await w.root.iam.send(new TagUserCommand({ UserName: 'mallory', Tags: [{ Key: '__proto__', Value: 'blue' }, { Key: 'constructor', Value: 'red' }] }))
    await w.root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'mallory',
        PolicyName: 'tagged',
        PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:GetGroup', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/__proto__': 'blue', 'aws:PrincipalTag/constructor': 'red' } } }),
      }),
    )
    const got = await queryCall(w.em, w.mallory, 'iam', 'GetGroup', [['GroupName', 'none']])
    // Allowed, so the answer is about the group (absent), not about permission.
    expect(got).toMatchObject({ status: 404, code: 'NoSuchEntity' })
  })

  it('a session tag keyed __proto__ is seen by aws:PrincipalTag/__proto__ in the session', async () => {
    const trust = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/mallory` }, Action: ['sts:AssumeRole', 'sts:TagSession'] })
    await w.root.iam.send(new CreateRoleCommand({ RoleName: 'tagged-role', AssumeRolePolicyDocument: trust }))
    await w.root.iam.send(
      new PutRolePolicyCommand({ RoleName: 'tagged-role', PolicyName: 'p', PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:GetGroup', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/__proto__': 'blue' } } }) }),
    )
    const assumed = await queryCall(w.em, w.mallory, 'sts', 'AssumeRole', [
      ['RoleArn', `arn:aws:iam::${ACCOUNT}:role/tagged-role`],
      ['RoleSessionName', 'sess'],
      ['Tags.member.1.Key', '__proto__'],
      ['Tags.member.1.Value', 'blue'],
    ])
    expect(assumed.status).toBe(200)
    const creds = {
      accessKeyId: /<AccessKeyId>([^<]+)/.exec(assumed.body)![1]!,
      secretAccessKey: /<SecretAccessKey>([^<]+)/.exec(assumed.body)![1]!,
      sessionToken: /<SessionToken>([^<]+)/.exec(assumed.body)![1]!,
    }
    const req = await signedRequest({ service: 'iam', creds, body: 'Action=GetGroup&Version=2010-05-08&GroupName=none', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } })
    expect(await outcomeOf(await w.em.handle(req))).toMatchObject({ status: 404, code: 'NoSuchEntity' })
  })

  it('S3 keeps user metadata named __proto__ and constructor (x-amz-meta-__proto__)', async () => {
    await w.root.s3.send(new CreateBucketCommand({ Bucket: 'meta-bucket' }))
    const put = await w.em.handle(
      await signedRequest({ service: 's3', method: 'PUT', host: 'localhost:4566', path: '/meta-bucket/k', creds: w.em.root, headers: { 'x-amz-meta-__proto__': 'p', 'x-amz-meta-constructor': 'c' }, body: 'v' }),
    )
    expect(put.status).toBe(200)
    // Read the raw answer: the SDK's own Metadata map drops a `__proto__` key on its side.
    const head = await w.em.handle(await signedRequest({ service: 's3', method: 'HEAD', host: 'localhost:4566', path: '/meta-bucket/k', creds: w.em.root }))
    expect(head.status).toBe(200)
    expect([...head.headers].filter(([k]) => k.startsWith('x-amz-meta-')).sort()).toEqual([
      ['x-amz-meta-__proto__', 'p'],
      ['x-amz-meta-constructor', 'c'],
    ])
  })

  it('a scalar member given as a structure (UserName.toString=x) is a missing member, not a 500', async () => {
    const got = await queryCall(w.em, w.em.root, 'iam', 'CreateUser', [['UserName.toString', 'x']])
    expect(got).toMatchObject({ status: 400, code: 'ValidationError', message: "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null" })
    const sts = await queryCall(w.em, w.mallory, 'sts', 'AssumeRole', [['RoleArn.valueOf', 'x'], ['RoleSessionName', 'sess']])
    expect(sts).toMatchObject({ status: 400, code: 'ValidationError', message: "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null" })
  })
})

describe('forbidden words where AWS refuses them are refused, never dropped', () => {
  it('a condition key __proto__ (no vendor, which IAM accepts) is kept as a condition, never dropped', async () => {
    // IAM accepts condition keys without a vendor (recorded 2026, LocalStack test_iam_policies
    // snapshot b15ee85 valid-32); the key must then constrain like any other absent key.
    const doc = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetGroup","Resource":"*","Condition":{"StringEquals":{"__proto__":"never"}}}]}'
    const compiled = compilePolicy(doc, 'identity')
    expect(compiled.ok ? 'accepted' : compiled.error.message).toBe('accepted')
    await w.root.iam.send(new PutUserPolicyCommand({ UserName: 'nobody', PolicyName: 'p', PolicyDocument: doc }))
    // The request has no `__proto__` key, so the condition fails: nobody gained GetGroup.
    expect(await queryCall(w.em, w.nobody, 'iam', 'GetGroup', [['GroupName', 'none']])).toMatchObject({ status: 403, code: 'AccessDenied' })
  })

  it('a principal type __proto__ in a trust policy is an invalid principal, not an ignored entry', async () => {
    const doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root","__proto__":["x"]},"Action":"sts:AssumeRole"}]}`
    const compiled = compilePolicy(doc, 'trust')
    expect(compiled.ok ? 'accepted' : compiled.error.message).toBe('Invalid principal in policy: "__proto__":"x"')
    await w.root.iam.send(new CreateUserCommand({ UserName: 'x' }))
    const created = await queryCall(w.em, w.em.root, 'iam', 'CreateRole', [['RoleName', 'r'], ['AssumeRolePolicyDocument', doc]])
    expect(created).toMatchObject({ status: 400, code: 'MalformedPolicyDocument' })
  })
})
