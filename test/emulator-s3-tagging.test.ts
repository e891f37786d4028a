/**
 * S3 bucket and object tagging through SDK v3 (issue 15 item 3), and the tag condition keys
 * S3 gives policies: s3:ExistingObjectTag/<key>, s3:RequestObjectTag/<key>, s3:RequestObjectTagKeys
 * (S3 User Guide, "Tagging and access control policies").
 */
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectTaggingCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { clients, doc, failure } from './emulator-helpers.js'

async function setup(): Promise<{ em: Emulator; s3: S3Client }> {
  const em = createEmulator()
  const { s3 } = clients(em, em.root)
  await s3.send(new CreateBucketCommand({ Bucket: 'tag-bucket' }))
  return { em, s3 }
}

async function userClient(em: Emulator, name: string, statements: object[]): Promise<S3Client> {
  const root = clients(em, em.root)
  await root.iam.send(new CreateUserCommand({ UserName: name }))
  await root.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: doc(statements) }))
  const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!
  return clients(em, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }).s3
}

describe('S3 tagging (in memory, SDK v3)', () => {
  it('bucket tagging: NoSuchTagSet, put, get, delete, validation', async () => {
    const { s3 } = await setup()
    const none = await failure(s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-bucket' })))
    expect(none).toEqual({ name: 'NoSuchTagSet', message: 'The TagSet does not exist', status: 404 })
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'tag-bucket', Tagging: { TagSet: [{ Key: 'team', Value: 'blue' }, { Key: 'env', Value: '' }] } }))
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-bucket' }))).TagSet).toEqual([{ Key: 'team', Value: 'blue' }, { Key: 'env', Value: '' }])
    const dup = await failure(s3.send(new PutBucketTaggingCommand({ Bucket: 'tag-bucket', Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } })))
    expect(dup).toEqual({ name: 'InvalidTag', message: 'Cannot provide multiple Tags with the same key', status: 400 })
    await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'tag-bucket' }))
    expect(await failure(s3.send(new GetBucketTaggingCommand({ Bucket: 'tag-bucket' })))).toMatchObject({ name: 'NoSuchTagSet' })
  })

  it('object tagging: x-amz-tagging on PutObject, Put/Get/DeleteObjectTagging, tag count, limits, copy directive', async () => {
    const { s3 } = await setup()
    await s3.send(new PutObjectCommand({ Bucket: 'tag-bucket', Key: 'k', Body: 'x', Tagging: 'class=secret&owner=ann%20b' }))
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k' }))).TagSet).toEqual([
      { Key: 'class', Value: 'secret' },
      { Key: 'owner', Value: 'ann b' },
    ])
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'tag-bucket', Key: 'k' }))).TagCount).toBe(2) // botocore HeadObjectOutput has TagCount
    expect((await s3.send(new GetObjectCommand({ Bucket: 'tag-bucket', Key: 'k' }))).TagCount).toBe(2)
    await s3.send(new CopyObjectCommand({ Bucket: 'tag-bucket', Key: 'copy', CopySource: 'tag-bucket/k' }))
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'copy' }))).TagSet).toHaveLength(2)
    await s3.send(new CopyObjectCommand({ Bucket: 'tag-bucket', Key: 'copy2', CopySource: 'tag-bucket/k', TaggingDirective: 'REPLACE', Tagging: 'x=y' }))
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'copy2' }))).TagSet).toEqual([{ Key: 'x', Value: 'y' }])
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k', Tagging: { TagSet: [{ Key: 'class', Value: 'public' }] } }))
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k' }))).TagSet).toEqual([{ Key: 'class', Value: 'public' }])
    await s3.send(new DeleteObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k' }))
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k' }))).TagSet).toEqual([])
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
    expect(await failure(s3.send(new PutObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k', Tagging: { TagSet: eleven } })))).toEqual({
      name: 'BadRequest',
      message: 'Object tags cannot be greater than 10',
      status: 400,
    })
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'tag-bucket', Key: 'k2', Body: 'x', Tagging: 'a=1&a=2' })))).toMatchObject({ name: 'InvalidArgument', status: 400 })
    expect(await failure(s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'missing' })))).toMatchObject({ name: 'NoSuchKey', status: 404 })
  })

  it('versioned objects: tags per version, s3:GetObjectVersionTagging', async () => {
    const { em, s3 } = await setup()
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'tag-bucket', VersioningConfiguration: { Status: 'Enabled' } }))
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'tag-bucket', Key: 'k', Body: 'one', Tagging: 'v=1' }))
    await s3.send(new PutObjectCommand({ Bucket: 'tag-bucket', Key: 'k', Body: 'two', Tagging: 'v=2' }))
    const old = await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k', VersionId: v1.VersionId }))
    expect([old.TagSet, old.VersionId]).toEqual([[{ Key: 'v', Value: '1' }], v1.VersionId])
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k', VersionId: v1.VersionId, Tagging: { TagSet: [{ Key: 'v', Value: 'one' }] } }))
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k', VersionId: v1.VersionId }))).TagSet).toEqual([{ Key: 'v', Value: 'one' }])
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k' }))).TagSet).toEqual([{ Key: 'v', Value: '2' }])
    const reader = await userClient(em, 'tagger', [{ Effect: 'Allow', Action: 's3:GetObjectTagging', Resource: 'arn:aws:s3:::tag-bucket/*' }])
    expect((await reader.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k' }))).TagSet).toHaveLength(1)
    expect(await failure(reader.send(new GetObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'k', VersionId: v1.VersionId })))).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('s3:GetObjectVersionTagging on resource: "arn:aws:s3:::tag-bucket/k"'),
    })
  })

  it('s3:ExistingObjectTag decides GetObject; s3:RequestObjectTag and s3:RequestObjectTagKeys decide uploads', async () => {
    const { em, s3 } = await setup()
    await s3.send(new PutObjectCommand({ Bucket: 'tag-bucket', Key: 'open', Body: 'o', Tagging: 'class=public' }))
    await s3.send(new PutObjectCommand({ Bucket: 'tag-bucket', Key: 'closed', Body: 'c', Tagging: 'class=secret' }))
    const user = await userClient(em, 'tagged-reader', [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::tag-bucket/*', Condition: { StringEquals: { 's3:ExistingObjectTag/class': 'public' } } },
      {
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:PutObjectTagging'],
        Resource: 'arn:aws:s3:::tag-bucket/*',
        Condition: { StringEquals: { 's3:RequestObjectTag/class': 'public' }, 'ForAllValues:StringEquals': { 's3:RequestObjectTagKeys': ['class'] } },
      },
    ])
    expect(await (await user.send(new GetObjectCommand({ Bucket: 'tag-bucket', Key: 'open' }))).Body!.transformToString()).toBe('o')
    expect(await failure(user.send(new GetObjectCommand({ Bucket: 'tag-bucket', Key: 'closed' })))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: 'User: arn:aws:iam::123456789012:user/tagged-reader is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::tag-bucket/closed" because no identity-based policy allows the s3:GetObject action',
    })
    await user.send(new PutObjectCommand({ Bucket: 'tag-bucket', Key: 'new', Body: 'n', Tagging: 'class=public' }))
    expect(await failure(user.send(new PutObjectCommand({ Bucket: 'tag-bucket', Key: 'new2', Body: 'n', Tagging: 'class=secret' })))).toMatchObject({ name: 'AccessDenied' })
    expect(await failure(user.send(new PutObjectCommand({ Bucket: 'tag-bucket', Key: 'new3', Body: 'n', Tagging: 'class=public&extra=1' })))).toMatchObject({ name: 'AccessDenied' })
    expect(await failure(user.send(new PutObjectTaggingCommand({ Bucket: 'tag-bucket', Key: 'new', Tagging: { TagSet: [{ Key: 'class', Value: 'secret' }] } })))).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('s3:PutObjectTagging'),
    })
  })
})
