import { IAMClient } from '@aws-sdk/client-iam'
import { S3Client } from '@aws-sdk/client-s3'
import { STSClient } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { createEmulator, createInMemoryHandler } from '../emulator/index.js'
import type { Emulator } from '../emulator/index.js'
import type { AwsClients, IdentityCredentials, UndoSpec } from './define-action.js'
import { resolveAction } from './registry.js'
import { withSdkCall } from './sdk-modules.js'

/** Real SDK v3 clients answering from the emulator in memory, signed with `creds`. */
function clientsFor(em: Emulator, creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): AwsClients {
  const common = { region: 'us-east-1', endpoint: 'http://localhost:4566', credentials: creds, requestHandler: createInMemoryHandler(em), maxAttempts: 1 }
  return withSdkCall({ iam: new IAMClient(common), sts: new STSClient(common), s3: new S3Client({ ...common, forcePathStyle: true }) })
}

/**
 * Runs registry actions the way the runner does: record each step's undo list, replay the steps
 * last first, each step's list in the order the action gave it.
 */
function harness(em: Emulator) {
  const ledger: UndoSpec[][] = []
  const operator = clientsFor(em, em.root)
  async function call(name: string, input: Record<string, unknown>, clients: AwsClients = operator): Promise<any> {
    const action = resolveAction(name)
    if (!action) throw new Error(`no action ${name}`)
    const output = await action.run({ clients }, input)
    const undo = action.undo?.(input, output)
    if (undo) ledger.push([undo].flat())
    return output
  }
  async function teardown(): Promise<string[]> {
    const done: string[] = []
    for (const undo of [...ledger].reverse().flat()) {
      await call(undo.action, undo.input)
      done.push(undo.action)
    }
    return done
  }
  return { call, teardown, operator }
}

describe('actions against the emulator with the real SDK', () => {
  it('runs the assume-role lab and tears it down with the recorded undos', async () => {
    const em = createEmulator()
    const { call, teardown } = harness(em)
    const acct = '123456789012'

    const user = await call('iam.createUser', { UserName: 'demo-user' })
    expect(user.User.Arn).toBe(`arn:aws:iam::${acct}:user/demo-user`)
    const key = await call('iam.createAccessKey', { UserName: 'demo-user' })
    const demo: IdentityCredentials = resolveAction('iam.createAccessKey')!.identity!(key, { UserName: 'demo-user' })
    const demoClients = clientsFor(em, demo)

    const denied = call('s3.listBuckets', {}, demoClients)
    await expect(denied).rejects.toMatchObject({ name: 'AccessDenied' })

    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: user.User.Arn }, Action: 'sts:AssumeRole' }] }
    const role = await call('iam.createRole', { RoleName: 'demo-s3-reader', AssumeRolePolicyDocument: trust })
    expect(role.Role.AssumeRolePolicyDocument).toEqual(trust)
    const got = await call('iam.getRole', { RoleName: 'demo-s3-reader' })
    expect(got.Role.AssumeRolePolicyDocument.Statement[0].Effect).toBe('Allow')

    const policy = await call('iam.createPolicy', {
      PolicyName: 'list-buckets',
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:GetObject'], Resource: '*' }] },
    })
    await call('iam.attachRolePolicy', { RoleName: 'demo-s3-reader', PolicyArn: policy.Policy.Arn })
    await call('iam.createPolicyVersion', {
      PolicyArn: policy.Policy.Arn,
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
      SetAsDefault: true,
    })

    await call('s3.createBucket', { Bucket: 'iamflow-demo-bucket' })
    await call('s3.putObject', { Bucket: 'iamflow-demo-bucket', Key: 'hello.txt', Body: 'hello from iamflow', ContentType: 'text/plain' })
    await call('s3.putBucketPolicy', {
      Bucket: 'iamflow-demo-bucket',
      Policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::iamflow-demo-bucket' }] },
    })
    expect((await call('s3.getBucketPolicy', { Bucket: 'iamflow-demo-bucket' })).Policy.Statement[0].Effect).toBe('Deny')

    const assumed = await call('sts.assumeRole', { RoleArn: role.Role.Arn, RoleSessionName: 'demo', DurationSeconds: 900 }, demoClients)
    const reader = resolveAction('sts.assumeRole')!.identity!(assumed, {})
    expect(reader.arn).toBe(`arn:aws:sts::${acct}:assumed-role/demo-s3-reader/demo`)
    const readerClients = clientsFor(em, reader)
    expect((await call('sts.getCallerIdentity', {}, readerClients)).Arn).toBe(reader.arn)
    const buckets = await call('s3.listBuckets', {}, readerClients)
    expect(buckets.Buckets.map((b: { Name: string }) => b.Name)).toEqual(['iamflow-demo-bucket'])
    expect(buckets.Owner.ID).toMatch(/\S/)
    expect((await call('s3.getObject', { Bucket: 'iamflow-demo-bucket', Key: 'hello.txt' }, readerClients)).Body).toBe('hello from iamflow')

    expect(await teardown()).toEqual([
      's3.deleteBucketPolicy',
      's3.deleteObject',
      's3.deleteBucket',
      'iam.setDefaultPolicyVersion',
      'iam.deletePolicyVersion',
      'iam.detachRolePolicy',
      'iam.deletePolicy',
      'iam.deleteRole',
      'iam.deleteAccessKey',
      'iam.deleteUser',
    ])
    expect((await call('iam.listUsers', {})).Users).toEqual([])
    expect((await call('iam.listRoles', {})).Roles).toEqual([])
    expect((await call('iam.listPolicies', { Scope: 'Local' })).Policies).toEqual([])
    expect((await call('s3.listBuckets', {})).Buckets ?? []).toEqual([])
  })
})
