import { arns } from '../../arn.js'
import { s3Xml } from '../../protocols/rest-xml.js'
import { requireBucket } from './buckets.js'
import type { S3Context } from './context.js'
import { s3Errors } from './errors.js'
import { param, requireUpload, uploadsOf, type MultipartUpload } from './multipart.js'
import { XML, type S3Operation } from './types.js'

/**
 * ListParts and ListMultipartUploads (S3 API Reference): pages of at most 1,000 (`max-parts`,
 * `max-uploads`), parts by number after `part-number-marker`, uploads by key then initiation
 * after `key-marker` / `upload-id-marker`, filtered by `prefix`. Authorized as
 * s3:ListMultipartUploadParts on the object and s3:ListBucketMultipartUploads on the bucket
 * (Service Authorization Reference). Initiator and Owner are the bucket owner.
 */

const MAX_PAGE = 1000

/** A page size parameter: an integer 0..2147483647, capped at 1,000 (S3 returns at most 1,000). */
function pageSize(ctx: S3Context, name: string): number {
  const raw = param(ctx, name)
  if (raw === undefined) return MAX_PAGE
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 2147483647) {
    throw s3Errors.invalidArgument(`Provided ${name} not an integer or within integer range`, name, raw.slice(0, 64))
  }
  return Math.min(Number(raw), MAX_PAGE)
}

const iso = (ms: number) => new Date(ms).toISOString()

function ownerOf(ctx: S3Context, accountId: string) {
  const account = ctx.rt.state.accounts.get(accountId)
  return { ID: account?.canonicalUserId ?? '', DisplayName: `iamflow-${accountId}` }
}

export const listParts: S3Operation = {
  name: 'ListParts',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:ListMultipartUploadParts', arns.object(bucket.name, ctx.key!), { bucket })
    const upload = requireUpload(ctx)
    const max = pageSize(ctx, 'max-parts')
    const markerRaw = param(ctx, 'part-number-marker') ?? '0'
    if (!/^\d{1,5}$/.test(markerRaw)) throw s3Errors.invalidArgument('Provided part-number-marker not an integer or within integer range', 'part-number-marker', markerRaw.slice(0, 64))
    const marker = Number(markerRaw)
    const numbers = [...upload.parts.keys()].filter((n) => n > marker).sort((a, b) => a - b)
    const page = numbers.slice(0, max)
    const truncated = numbers.length > page.length
    const owner = ownerOf(ctx, bucket.accountId)
    const body = s3Xml('ListPartsResult', {
      Bucket: bucket.name,
      Key: upload.key,
      UploadId: upload.id,
      PartNumberMarker: marker,
      ...(page.length > 0 ? { NextPartNumberMarker: page[page.length - 1] } : {}),
      MaxParts: max,
      IsTruncated: truncated,
      Part: page.map((n) => {
        const p = upload.parts.get(n)!
        return { PartNumber: n, LastModified: iso(p.at ?? upload.initiated), ETag: p.etag, Size: p.data.length }
      }),
      Initiator: owner,
      Owner: owner,
      StorageClass: upload.storageClass ?? 'STANDARD',
    })
    return { status: 200, headers: XML, body }
  },
}

export const listMultipartUploads: S3Operation = {
  name: 'ListMultipartUploads',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:ListBucketMultipartUploads', arns.bucket(bucket.name), { bucket })
    const max = pageSize(ctx, 'max-uploads')
    const prefix = param(ctx, 'prefix') ?? ''
    const keyMarker = param(ctx, 'key-marker') ?? ''
    const idMarker = param(ctx, 'upload-id-marker') ?? ''
    const after = (u: MultipartUpload) => {
      if (keyMarker === '') return true
      if (u.key !== keyMarker) return u.key > keyMarker
      return idMarker !== '' && u.id > idMarker
    }
    const mine = [...uploadsOf(ctx).values()]
      .filter((u) => u.bucket === bucket.name && u.key.startsWith(prefix) && after(u))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const page = mine.slice(0, max)
    const truncated = mine.length > page.length
    const last = page[page.length - 1]
    const owner = ownerOf(ctx, bucket.accountId)
    const body = s3Xml('ListMultipartUploadsResult', {
      Bucket: bucket.name,
      KeyMarker: keyMarker,
      UploadIdMarker: idMarker,
      ...(truncated && last ? { NextKeyMarker: last.key, NextUploadIdMarker: last.id } : {}),
      ...(prefix !== '' ? { Prefix: prefix } : {}),
      MaxUploads: max,
      IsTruncated: truncated,
      Upload: page.map((u) => ({ Key: u.key, UploadId: u.id, Initiator: owner, Owner: owner, StorageClass: u.storageClass ?? 'STANDARD', Initiated: iso(u.initiated) })),
    })
    return { status: 200, headers: XML, body }
  },
}
