/**
 * S3 versioning through SDK v3 (issue 15 item 3): version ids, delete markers,
 * ListObjectVersions paging, Get/Head/Delete by version, and the s3:*Version* actions.
 * Behaviour per botocore's S3 model docs and LocalStack's AWS-recorded versioning snapshots.
 */
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { clients, doc, failure } from './emulator-helpers.js'

async function versionedBucket(name = 'ver-bucket'): Promise<{ em: Emulator; s3: S3Client }> {
  const em = createEmulator()
  const { s3 } = clients(em, em.root)
  await s3.send(new CreateBucketCommand({ Bucket: name }))
  await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }))
  return { em, s3 }
}

const text = async (s3: S3Client, Key: string, VersionId?: string) =>
  (await s3.send(new GetObjectCommand({ Bucket: 'ver-bucket', Key, ...(VersionId ? { VersionId } : {}) }))).Body!.transformToString()

describe('S3 versioning (in memory, SDK v3)', () => {
  it('GetBucketVersioning: empty until set; Enabled then Suspended', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root)
    await s3.send(new CreateBucketCommand({ Bucket: 'ver-bucket' }))
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'ver-bucket' }))).Status).toBeUndefined()
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'ver-bucket', VersioningConfiguration: { Status: 'Enabled' } }))
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'ver-bucket' }))).Status).toBe('Enabled')
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'ver-bucket', VersioningConfiguration: { Status: 'Suspended' } }))
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'ver-bucket' }))).Status).toBe('Suspended')
    const mfa = await failure(s3.send(new PutBucketVersioningCommand({ Bucket: 'ver-bucket', VersioningConfiguration: { Status: 'Enabled', MFADelete: 'Enabled' } })))
    expect(mfa).toEqual({ name: 'AccessDenied', message: 'Mfa Authentication must be used for this request', status: 403 })
  })

  it('versions, delete markers, reads by version and removal of versions', async () => {
    const { s3 } = await versionedBucket()
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'ver-bucket', Key: 'doc.txt', Body: 'one' }))
    const v2 = await s3.send(new PutObjectCommand({ Bucket: 'ver-bucket', Key: 'doc.txt', Body: 'two' }))
    expect(v1.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/)
    expect(v2.VersionId).not.toBe(v1.VersionId)
    expect(await text(s3, 'doc.txt')).toBe('two')
    expect(await text(s3, 'doc.txt', v1.VersionId)).toBe('one')
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'ver-bucket', Key: 'doc.txt' }))
    expect(head.VersionId).toBe(v2.VersionId)

    const del = await s3.send(new DeleteObjectCommand({ Bucket: 'ver-bucket', Key: 'doc.txt' }))
    expect(del.DeleteMarker).toBe(true)
    expect(del.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/)
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'ver-bucket', Key: 'doc.txt' })))).toEqual({
      name: 'NoSuchKey',
      message: 'The specified key does not exist.',
      status: 404,
    })
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'ver-bucket' }))).KeyCount).toBe(0)
    // The old versions are still there.
    expect(await text(s3, 'doc.txt', v2.VersionId)).toBe('two')
    // A delete marker by version: 405 MethodNotAllowed.
    const onMarker = await failure(s3.send(new GetObjectCommand({ Bucket: 'ver-bucket', Key: 'doc.txt', VersionId: del.VersionId })))
    expect(onMarker).toEqual({ name: 'MethodNotAllowed', message: 'The specified method is not allowed against this resource.', status: 405 })
    const missing = await failure(s3.send(new GetObjectCommand({ Bucket: 'ver-bucket', Key: 'doc.txt', VersionId: 'HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD' })))
    expect(missing).toEqual({ name: 'NoSuchVersion', message: 'The specified version does not exist.', status: 404 })

    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'ver-bucket' }))
    expect(listed.Versions!.map((v) => [v.Key, v.VersionId, v.IsLatest, v.Size])).toEqual([
      ['doc.txt', v2.VersionId, false, 3],
      ['doc.txt', v1.VersionId, false, 3],
    ])
    expect(listed.DeleteMarkers!.map((m) => [m.Key, m.VersionId, m.IsLatest])).toEqual([['doc.txt', del.VersionId, true]])

    // Removing the delete marker makes v2 current again.
    const undelete = await s3.send(new DeleteObjectCommand({ Bucket: 'ver-bucket', Key: 'doc.txt', VersionId: del.VersionId }))
    expect([undelete.DeleteMarker, undelete.VersionId]).toEqual([true, del.VersionId])
    expect(await text(s3, 'doc.txt')).toBe('two')
    // Removing the current version makes v1 current.
    await s3.send(new DeleteObjectCommand({ Bucket: 'ver-bucket', Key: 'doc.txt', VersionId: v2.VersionId }))
    expect(await text(s3, 'doc.txt')).toBe('one')
    expect(await failure(s3.send(new DeleteBucketCommand({ Bucket: 'ver-bucket' })))).toMatchObject({ name: 'BucketNotEmpty', status: 409 })
    await s3.send(new DeleteObjectCommand({ Bucket: 'ver-bucket', Key: 'doc.txt', VersionId: v1.VersionId }))
    expect((await s3.send(new ListObjectVersionsCommand({ Bucket: 'ver-bucket' }))).Versions).toBeUndefined()
    await s3.send(new DeleteBucketCommand({ Bucket: 'ver-bucket' }))
  })

  it('objects written before versioning are the null version; Suspended overwrites the null version', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root)
    await s3.send(new CreateBucketCommand({ Bucket: 'ver-bucket' }))
    await s3.send(new PutObjectCommand({ Bucket: 'ver-bucket', Key: 'k', Body: 'before' }))
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'ver-bucket', VersioningConfiguration: { Status: 'Enabled' } }))
    const v = await s3.send(new PutObjectCommand({ Bucket: 'ver-bucket', Key: 'k', Body: 'after' }))
    expect(await text(s3, 'k', 'null')).toBe('before')
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'ver-bucket', VersioningConfiguration: { Status: 'Suspended' } }))
    const s1 = await s3.send(new PutObjectCommand({ Bucket: 'ver-bucket', Key: 'k', Body: 'suspended-1' }))
    expect(s1.VersionId).toBe('null')
    await s3.send(new PutObjectCommand({ Bucket: 'ver-bucket', Key: 'k', Body: 'suspended-2' }))
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'ver-bucket' }))
    expect(listed.Versions!.map((x) => [x.VersionId, x.IsLatest])).toEqual([
      ['null', true],
      [v.VersionId, false],
    ])
    expect(await text(s3, 'k')).toBe('suspended-2')
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: 'ver-bucket', Key: 'k' }))
    expect([marker.DeleteMarker, marker.VersionId]).toEqual([true, 'null'])
  })

  it('ListObjectVersions pages with KeyMarker/VersionIdMarker, prefixes and delimiters', async () => {
    const { s3 } = await versionedBucket()
    const ids: Record<string, string[]> = {}
    for (const key of ['a/1', 'a/2', 'b', 'c']) {
      ids[key] = []
      for (let i = 0; i < 2; i++) ids[key]!.unshift((await s3.send(new PutObjectCommand({ Bucket: 'ver-bucket', Key: key, Body: `${key}${i}` }))).VersionId!)
    }
    const all: Array<[string, string]> = []
    let keyMarker: string | undefined
    let versionIdMarker: string | undefined
    for (let pages = 0; pages < 10; pages++) {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: 'ver-bucket', MaxKeys: 3, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }))
      all.push(...page.Versions!.map((v) => [v.Key!, v.VersionId!] as [string, string]))
      if (!page.IsTruncated) break
      expect(page.Versions!.length).toBe(3)
      keyMarker = page.NextKeyMarker
      versionIdMarker = page.NextVersionIdMarker
      expect([keyMarker, versionIdMarker]).toEqual(all[all.length - 1])
    }
    expect(all).toEqual(['a/1', 'a/2', 'b', 'c'].flatMap((k) => ids[k]!.map((id) => [k, id])))
    const grouped = await s3.send(new ListObjectVersionsCommand({ Bucket: 'ver-bucket', Delimiter: '/' }))
    expect(grouped.CommonPrefixes).toEqual([{ Prefix: 'a/' }])
    expect(grouped.Versions!.map((v) => v.Key)).toEqual(['b', 'b', 'c', 'c'])
    const under = await s3.send(new ListObjectVersionsCommand({ Bucket: 'ver-bucket', Prefix: 'a/', KeyMarker: 'a/1' }))
    expect(under.Versions!.map((v) => v.Key)).toEqual(['a/2', 'a/2'])
    const noKey = await failure(s3.send(new ListObjectVersionsCommand({ Bucket: 'ver-bucket', VersionIdMarker: ids.b![0] })))
    expect(noKey).toEqual({ name: 'InvalidArgument', message: 'A version-id marker cannot be specified without a key marker.', status: 400 })
  })

  it('DeleteObjects with version ids, and CopyObject from a version', async () => {
    const { s3 } = await versionedBucket()
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'ver-bucket', Key: 'k', Body: 'one' }))
    await s3.send(new PutObjectCommand({ Bucket: 'ver-bucket', Key: 'k', Body: 'two' }))
    const copy = await s3.send(new CopyObjectCommand({ Bucket: 'ver-bucket', Key: 'restored', CopySource: `ver-bucket/k?versionId=${v1.VersionId}` }))
    expect(copy.CopySourceVersionId).toBe(v1.VersionId)
    expect(copy.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/)
    expect(await text(s3, 'restored')).toBe('one')
    const res = await s3.send(new DeleteObjectsCommand({ Bucket: 'ver-bucket', Delete: { Objects: [{ Key: 'k', VersionId: v1.VersionId }, { Key: 'restored' }] } }))
    expect(res.Deleted!.find((d) => d.Key === 'k')).toEqual({ Key: 'k', VersionId: v1.VersionId })
    const marker = res.Deleted!.find((d) => d.Key === 'restored')!
    expect(marker.DeleteMarker).toBe(true)
    expect(marker.DeleteMarkerVersionId).toMatch(/^[A-Za-z0-9._]{32}$/)
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'ver-bucket', Key: 'k', VersionId: v1.VersionId })))).toMatchObject({ name: 'NoSuchVersion' })
  })

  it('authorization: old versions need s3:GetObjectVersion, listing them s3:ListBucketVersions', async () => {
    const { em, s3 } = await versionedBucket()
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'ver-bucket', Key: 'k', Body: 'one' }))
    await s3.send(new PutObjectCommand({ Bucket: 'ver-bucket', Key: 'k', Body: 'two' }))
    const root = clients(em, em.root)
    await root.iam.send(new CreateUserCommand({ UserName: 'reader' }))
    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'reader',
        PolicyName: 'current-only',
        PolicyDocument: doc([
          { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket', 's3:DeleteObject'], Resource: ['arn:aws:s3:::ver-bucket', 'arn:aws:s3:::ver-bucket/*'] },
        ]),
      }),
    )
    const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'reader' }))).AccessKey!
    const reader = clients(em, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }).s3
    expect(await (await reader.send(new GetObjectCommand({ Bucket: 'ver-bucket', Key: 'k' }))).Body!.transformToString()).toBe('two')
    const old = await failure(reader.send(new GetObjectCommand({ Bucket: 'ver-bucket', Key: 'k', VersionId: v1.VersionId })))
    expect(old).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: 'User: arn:aws:iam::123456789012:user/reader is not authorized to perform: s3:GetObjectVersion on resource: "arn:aws:s3:::ver-bucket/k" because no identity-based policy allows the s3:GetObjectVersion action',
    })
    expect(await failure(reader.send(new ListObjectVersionsCommand({ Bucket: 'ver-bucket' })))).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(await failure(reader.send(new DeleteObjectCommand({ Bucket: 'ver-bucket', Key: 'k', VersionId: v1.VersionId })))).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('s3:DeleteObjectVersion'),
    })
    expect(await failure(reader.send(new PutBucketVersioningCommand({ Bucket: 'ver-bucket', VersioningConfiguration: { Status: 'Suspended' } })))).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('s3:PutBucketVersioning on resource: "arn:aws:s3:::ver-bucket"'),
    })
  })
})
