/**
 * ListParts and ListMultipartUploads through SDK v3 (S3 API Reference): pages, markers, the
 * upload's parts with their ETags and sizes, and AccessDenied for a caller without
 * s3:ListMultipartUploadParts / s3:ListBucketMultipartUploads.
 */
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, failure, userClients } from './emulator-helpers.js'

const B = 'mpu-bucket'

describe('multipart listings (in memory, SDK v3)', () => {
  it('ListParts pages by part number; ListMultipartUploads lists by key, with prefix and markers', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root, { forcePathStyle: true })
    await s3.send(new CreateBucketCommand({ Bucket: B }))
    const a = (await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'logs/a' }))).UploadId!
    const b = (await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'data/b' }))).UploadId!
    const e1 = (await s3.send(new UploadPartCommand({ Bucket: B, Key: 'logs/a', UploadId: a, PartNumber: 2, Body: 'two' }))).ETag
    const e2 = (await s3.send(new UploadPartCommand({ Bucket: B, Key: 'logs/a', UploadId: a, PartNumber: 1, Body: 'one!' }))).ETag
    const first = await s3.send(new ListPartsCommand({ Bucket: B, Key: 'logs/a', UploadId: a, MaxParts: 1 }))
    expect([first.IsTruncated, first.NextPartNumberMarker, first.MaxParts, first.Parts!.map((p) => [p.PartNumber, p.ETag, p.Size])]).toEqual([true, '1', 1, [[1, e2, 4]]])
    const rest = await s3.send(new ListPartsCommand({ Bucket: B, Key: 'logs/a', UploadId: a, PartNumberMarker: '1' }))
    expect([rest.IsTruncated, rest.Parts!.map((p) => [p.PartNumber, p.ETag, p.Size])]).toEqual([false, [[2, e1, 3]]])
    expect(rest.StorageClass).toBe('STANDARD')
    expect(await failure(s3.send(new ListPartsCommand({ Bucket: B, Key: 'logs/a', UploadId: 'nope' })))).toMatchObject({ name: 'NoSuchUpload', status: 404 })

    const all = await s3.send(new ListMultipartUploadsCommand({ Bucket: B }))
    expect([all.IsTruncated, all.Uploads!.map((u) => [u.Key, u.UploadId])]).toEqual([false, [['data/b', b], ['logs/a', a]]])
    const paged = await s3.send(new ListMultipartUploadsCommand({ Bucket: B, MaxUploads: 1 }))
    expect([paged.IsTruncated, paged.NextKeyMarker, paged.NextUploadIdMarker]).toEqual([true, 'data/b', b])
    const next = await s3.send(new ListMultipartUploadsCommand({ Bucket: B, KeyMarker: 'data/b', UploadIdMarker: b }))
    expect(next.Uploads!.map((u) => u.Key)).toEqual(['logs/a'])
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: B, Prefix: 'logs/' }))).Uploads!.map((u) => u.Key)).toEqual(['logs/a'])
    await s3.send(new AbortMultipartUploadCommand({ Bucket: B, Key: 'logs/a', UploadId: a }))
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: B }))).Uploads!.map((u) => u.Key)).toEqual(['data/b'])
  })

  it('a caller without permission gets AccessDenied naming the object or bucket', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root, { forcePathStyle: true })
    await s3.send(new CreateBucketCommand({ Bucket: B }))
    const a = (await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'k' }))).UploadId!
    const bob = await userClients(em, 'bob')
    expect((await failure(bob.s3.send(new ListPartsCommand({ Bucket: B, Key: 'k', UploadId: a })))).message).toBe(
      `User: ${bob.arn} is not authorized to perform: s3:ListMultipartUploadParts on resource: "arn:aws:s3:::${B}/k" because no identity-based policy allows the s3:ListMultipartUploadParts action`,
    )
    expect((await failure(bob.s3.send(new ListMultipartUploadsCommand({ Bucket: B })))).message).toBe(
      `User: ${bob.arn} is not authorized to perform: s3:ListBucketMultipartUploads on resource: "arn:aws:s3:::${B}" because no identity-based policy allows the s3:ListBucketMultipartUploads action`,
    )
  })
})
