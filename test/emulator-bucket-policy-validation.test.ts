import { CreateRoleCommand, CreateUserCommand, DeleteUserCommand, GetUserCommand } from '@aws-sdk/client-iam'
import { CreateBucketCommand, DeletePublicAccessBlockCommand, GetBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3'
import { beforeEach, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { clients, doc, failure } from './emulator-helpers.js'

const ACCT = '123456789012'
const BUCKET = 'policy-lab'
const OBJECTS = `arn:aws:s3:::${BUCKET}/*`

const allow = (principal: unknown, extra: object = {}) => doc([{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: OBJECTS, ...extra }])
const malformed = (message: string) => ({ name: 'MalformedPolicy', status: 400, message })

describe('PutBucketPolicy validation (S3 codes and messages)', () => {
  let em: Emulator
  let root: ReturnType<typeof clients>
  const put = (Policy: string) => root.s3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy }))

  beforeEach(async () => {
    em = createEmulator()
    root = clients(em, em.root, { forcePathStyle: true })
    await root.s3.send(new CreateBucketCommand({ Bucket: BUCKET }))
  })

  it('rejects principals that do not exist, as IAM does for trust policies, with S3 wording', async () => {
    await root.iam.send(new CreateUserCommand({ UserName: 'alice' }))
    await root.iam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: ACCT }, Action: 'sts:AssumeRole' }]) }))
    for (const ghost of [
      `arn:aws:iam::${ACCT}:user/ghost`,
      `arn:aws:iam::${ACCT}:role/ghost`,
      `arn:aws:sts::${ACCT}:assumed-role/ghost/session`,
      `arn:aws:iam::${ACCT}:user/*`,
      'AIDAAAAAAAAAAAAAAAAAA',
    ]) {
      expect(await failure(put(allow({ AWS: ghost })))).toEqual(malformed('Invalid principal in policy'))
      // One bad entry in a list is enough.
      expect(await failure(put(allow({ AWS: [`arn:aws:iam::${ACCT}:user/alice`, ghost] })))).toEqual(malformed('Invalid principal in policy'))
    }
    // '*' makes the policy public: lift the default Block Public Access first (AWS's default since April 2023).
    await root.s3.send(new DeletePublicAccessBlockCommand({ Bucket: BUCKET }))
    for (const ok of [`arn:aws:iam::${ACCT}:user/alice`, `arn:aws:iam::${ACCT}:role/Reader`, `arn:aws:sts::${ACCT}:assumed-role/Reader/s1`, ACCT, `arn:aws:iam::${ACCT}:root`, '*']) {
      await put(allow({ AWS: ok }))
    }
    await put(allow('*'))
    expect((await root.s3.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBe(allow('*'))
  })

  it('a deleted user named by a stored policy shows as its unique id, which a new PutBucketPolicy refuses', async () => {
    await root.iam.send(new CreateUserCommand({ UserName: 'bob' }))
    const id = (await root.iam.send(new GetUserCommand({ UserName: 'bob' }))).User!.UserId!
    await put(allow({ AWS: `arn:aws:iam::${ACCT}:user/bob` }))
    await root.iam.send(new DeleteUserCommand({ UserName: 'bob' }))
    const stored = (await root.s3.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy!
    expect(JSON.parse(stored).Statement[0].Principal).toEqual({ AWS: id })
    // AWS refuses to store a stale unique id again (IAM: `Invalid principal in policy: "AWS":"AROA..."`
    // when a trust policy still names a deleted role), and the deleted user's ARN as well.
    expect(await failure(put(stored))).toEqual(malformed('Invalid principal in policy'))
    expect(await failure(put(allow({ AWS: `arn:aws:iam::${ACCT}:user/bob` })))).toEqual(malformed('Invalid principal in policy'))
  })

  it('answers invalid JSON, non-object JSON, a missing Principal and bad resources as S3 does', async () => {
    const notJson = "Policies must be valid JSON and the first byte must be '{'"
    for (const text of ['not json', '{"Version": "2012-10-17",', '[]', '[{"Version":"2012-10-17"}]', '"policy"', '42', 'null', 'true']) {
      expect(await failure(put(text))).toEqual(malformed(notJson))
    }
    const noPrincipal = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECTS }])
    expect(await failure(put(noPrincipal))).toEqual(malformed('Missing required field Principal'))
    for (const resource of ['arn:aws:s3:::another-bucket/*', `${BUCKET}/*`, 'arn:aws:s3:::policy-lab-2/*', `arn:aws:s3:us-east-1::${BUCKET}/*`]) {
      expect(await failure(put(allow('*', { Resource: resource })))).toEqual(malformed('Policy has invalid resource'))
    }
    // Nothing was stored by the refused calls.
    expect((await failure(root.s3.send(new GetBucketPolicyCommand({ Bucket: BUCKET })))).name).toBe('NoSuchBucketPolicy')
  })
})
