import { createHash, randomBytes } from 'node:crypto'
import { arns } from '../../arn.js'
import { s3Xml } from '../../protocols/rest-xml.js'
import type { ObjectEntity, Tag } from '../../state/model.js'
import { headerTags, requestTagContext } from './tagging.js'
import { AwsServiceError } from '../types.js'
import { requireBucket } from './buckets.js'
import type { S3Context } from './context.js'
import { s3Errors } from './errors.js'
import { storeObject } from './object-store.js'
import { requestedStorageClass, storedHeaders } from './object-headers.js'
import { etagOf, userMetadata } from './objects.js'
import { XML, type S3Operation } from './types.js'
import { parseXmlBody } from './xml-input.js'

/** An upload in progress (kept in memory only: a restart abandons it, as an abort would). */
export interface MultipartUpload {
  id: string
  bucket: string
  key: string
  initiated: number
  contentType?: string
  metadata: Record<string, string>
  storageClass?: string
  stored?: Record<string, string>
  tags?: Tag[]
  /** Parts by number (`at`: when uploaded). */
  parts: Map<number, { data: Uint8Array; etag: string; at?: number }>
}

const MIN_PART_BYTES = 5 * 1024 * 1024
const uploadsByRuntime = new WeakMap<object, Map<string, MultipartUpload>>()

/** The uploads in progress of this emulator. */
export function uploadsOf(ctx: S3Context): Map<string, MultipartUpload> {
  let m = uploadsByRuntime.get(ctx.rt)
  if (!m) uploadsByRuntime.set(ctx.rt, (m = new Map()))
  return m
}

/** The first value of query parameter `name` (`uploadId`, `max-parts`, ...). */
export function param(ctx: S3Context, name: string): string | undefined {
  return ctx.inc.query.find(([k]) => k === name)?.[1]
}

/** The upload `uploadId` names for this bucket and key, or NoSuchUpload. */
export function requireUpload(ctx: S3Context): MultipartUpload {
  const id = param(ctx, 'uploadId') ?? ''
  const upload = uploadsOf(ctx).get(id)
  if (!upload || upload.bucket !== ctx.bucket || upload.key !== ctx.key) {
    throw new AwsServiceError(
      'NoSuchUpload',
      404,
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      { UploadId: id },
    )
  }
  return upload
}

export const createMultipartUpload: S3Operation = {
  name: 'CreateMultipartUpload',
  run(ctx) {
    const bucket = requireBucket(ctx)
    const tagHeader = ctx.inc.headers.get('x-amz-tagging')
    const tags = tagHeader !== null ? headerTags(tagHeader) : undefined
    const tagContext = tags ? requestTagContext(tags) : undefined
    ctx.authorize('s3:PutObject', arns.object(bucket.name, ctx.key!), { bucket, ...(tagContext ? { context: tagContext } : {}) })
    if (tagContext) ctx.authorize('s3:PutObjectTagging', arns.object(bucket.name, ctx.key!), { bucket, context: tagContext })
    const id = randomBytes(32).toString('base64url')
    const type = ctx.inc.headers.get('content-type')
    const storageClass = requestedStorageClass(ctx.inc.headers)
    const stored = storedHeaders(ctx.inc.headers)
    uploadsOf(ctx).set(id, {
      id,
      bucket: bucket.name,
      key: ctx.key!,
      initiated: ctx.now,
      ...(type ? { contentType: type } : {}),
      metadata: userMetadata(ctx.inc.headers),
      ...(storageClass ? { storageClass } : {}),
      ...(stored ? { stored } : {}),
      ...(tags?.length ? { tags } : {}),
      parts: new Map(),
    })
    return { status: 200, headers: XML, body: s3Xml('InitiateMultipartUploadResult', { Bucket: bucket.name, Key: ctx.key!, UploadId: id }) }
  },
}

export const uploadPart: S3Operation = {
  name: 'UploadPart',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutObject', arns.object(bucket.name, ctx.key!), { bucket })
    const upload = requireUpload(ctx)
    const raw = param(ctx, 'partNumber') ?? ''
    const n = Number(raw)
    if (!/^\d+$/.test(raw) || n < 1 || n > 10000) {
      throw s3Errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', raw)
    }
    const data = new Uint8Array(ctx.body)
    const etag = etagOf(data)
    upload.parts.set(n, { data, etag, at: ctx.now })
    return { status: 200, headers: { etag } }
  },
}

function completedParts(ctx: S3Context): Array<{ n: number; etag: string }> {
  const doc = parseXmlBody(ctx.body).CompleteMultipartUpload as Record<string, unknown> | undefined
  if (!doc || typeof doc !== 'object') throw s3Errors.malformedXml()
  const raw = doc.Part === undefined ? [] : Array.isArray(doc.Part) ? doc.Part : [doc.Part]
  if (raw.length === 0) throw s3Errors.malformedXml()
  return (raw as Array<Record<string, unknown>>).map((p) => ({ n: Number(p.PartNumber), etag: String(p.ETag ?? '').replace(/&quot;/g, '"') }))
}

export const completeMultipartUpload: S3Operation = {
  name: 'CompleteMultipartUpload',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutObject', arns.object(bucket.name, ctx.key!), { bucket })
    const upload = requireUpload(ctx)
    const listed = completedParts(ctx)
    const chosen = listed.map(({ n, etag }, i) => {
      if (i > 0 && n <= listed[i - 1]!.n) throw new AwsServiceError('InvalidPartOrder', 400, 'The list of parts was not in ascending order. Parts must be ordered by part number.')
      const part = upload.parts.get(n)
      if (!part || part.etag.replace(/"/g, '') !== etag.replace(/"/g, '')) {
        throw new AwsServiceError('InvalidPart', 400, "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.")
      }
      return part
    })
    chosen.forEach((p, i) => {
      if (i < chosen.length - 1 && p.data.length < MIN_PART_BYTES) throw new AwsServiceError('EntityTooSmall', 400, 'Your proposed upload is smaller than the minimum allowed object size.')
    })
    const body = Buffer.concat(chosen.map((p) => p.data))
    const md5s = Buffer.concat(chosen.map((p) => Buffer.from(p.etag.replace(/"/g, ''), 'hex')))
    const etag = `"${createHash('md5').update(md5s).digest('hex')}-${chosen.length}"`
    const obj: ObjectEntity = {
      key: upload.key,
      body: new Uint8Array(body),
      etag,
      lastModified: ctx.now,
      metadata: upload.metadata,
      ...(upload.contentType ? { contentType: upload.contentType } : {}),
      ...(upload.storageClass ? { storageClass: upload.storageClass } : {}),
      ...(upload.stored ? { stored: upload.stored } : {}),
      ...(upload.tags ? { tags: upload.tags } : {}),
    }
    const versionId = storeObject(bucket, obj)
    uploadsOf(ctx).delete(upload.id)
    const location = ctx.style === 'path' ? `http://${ctx.inc.host}/${bucket.name}/${encodeURI(obj.key)}` : `http://${ctx.inc.host}/${encodeURI(obj.key)}`
    const headers = { ...XML, ...(versionId ? { 'x-amz-version-id': versionId } : {}) }
    return { status: 200, headers, body: s3Xml('CompleteMultipartUploadResult', { Location: location, Bucket: bucket.name, Key: obj.key, ETag: etag }) }
  },
}

export const abortMultipartUpload: S3Operation = {
  name: 'AbortMultipartUpload',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:AbortMultipartUpload', arns.object(bucket.name, ctx.key!), { bucket })
    const upload = requireUpload(ctx)
    uploadsOf(ctx).delete(upload.id)
    return { status: 204 }
  },
}
