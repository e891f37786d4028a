import { createHash } from 'node:crypto'
import { arns } from '../../arn.js'
import type { HeaderView } from '../../incoming.js'
import type { BucketEntity, ObjectEntity } from '../../state/model.js'
import { requireBucket } from './buckets.js'
import { uploadChecksum } from './checksums.js'
import type { S3Context } from './context.js'
import { S3HeaderError, s3Errors, s3VersionErrors } from './errors.js'
import { checkVersionId, versionIdParam } from './version-id.js'
import { currentDeleteMarker, deleteCurrent, deleteVersion, findVersion, isWellFormedVersionId, storeObject, wireVersionId } from './object-store.js'
import { AwsServiceError } from '../types.js'
import { encryptionHeaders, objectEncryption } from './encryption.js'
import { checkWriteAcl, requestGrants, requestedAcl } from './acl-rules.js'
import { existingTagContext, headerTags, requestTagContext } from './tagging.js'
import { ARCHIVED_CLASSES, requestedStorageClass, storedHeaders } from './object-headers.js'
import type { S3Operation, S3Result } from './types.js'
import { dict } from '../../../safe-object.js'

const MAX_KEY_BYTES = 1024

/** `"<md5 hex>"`: S3's ETag of a single-part upload without SSE-KMS. */
export function etagOf(data: Uint8Array): string {
  return `"${createHash('md5').update(data).digest('hex')}"`
}

/** User metadata from `x-amz-meta-*` headers (names lower-cased, as S3 stores them). */
export function userMetadata(headers: HeaderView): Record<string, string> {
  // Names are the client's (`x-amz-meta-__proto__` is a valid header): no prototype to hit.
  const out = dict<string>()
  headers.forEach((value, name) => {
    if (name.startsWith('x-amz-meta-')) out[name.slice('x-amz-meta-'.length)] = value
  })
  return out
}

/** Headers describing a stored object (GetObject/HeadObject). */
export function objectHeaders(obj: ObjectEntity, withChecksum: boolean): Record<string, string> {
  const h: Record<string, string> = {
    'content-type': obj.contentType ?? 'binary/octet-stream',
    etag: obj.etag,
    'last-modified': new Date(obj.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    ...encryptionHeaders(obj.sse),
  }
  if (obj.stored) for (const [k, v] of Object.entries(obj.stored)) h[k] = v
  if (obj.storageClass) h['x-amz-storage-class'] = obj.storageClass
  for (const [k, v] of Object.entries(obj.metadata)) h[`x-amz-meta-${k}`] = v
  if (withChecksum && obj.checksum) h[`x-amz-checksum-${obj.checksum.algorithm}`] = obj.checksum.value
  if (obj.seq !== undefined) h['x-amz-version-id'] = wireVersionId(obj)
  if (obj.tags?.length) h['x-amz-tagging-count'] = String(obj.tags.length)
  return h
}

function deleteMarkerHeaders(marker: ObjectEntity): Record<string, string> {
  return { 'x-amz-delete-marker': 'true', 'x-amz-version-id': wireVersionId(marker) }
}

/**
 * The object a Get/Head names. Missing: NoSuchKey only for callers allowed s3:ListBucket on
 * the bucket; everyone else gets that AccessDenied (S3 does not reveal absence). A current
 * delete marker answers NoSuchKey with `x-amz-delete-marker: true`; a version that is a delete
 * marker answers 405 MethodNotAllowed (botocore GetObject doc: "If the specified version is a
 * delete marker, the response returns a 405 Method Not Allowed error and the Last-Modified:
 * timestamp response header").
 */
function requireObject(ctx: S3Context, bucket: BucketEntity, key: string, versionId: string | undefined): ObjectEntity {
  if (versionId !== undefined) {
    checkVersionId(bucket, versionId)
    const found = findVersion(bucket, key, versionId)
    if (!found) {
      if (bucket.versioning === undefined) {
        ctx.authorize('s3:ListBucket', arns.bucket(bucket.name), { bucket })
        throw s3Errors.noSuchKey(key)
      }
      throw s3VersionErrors.noSuchVersion(key, versionId)
    }
    if (found.entity.deleteMarker) {
      throw new S3HeaderError(s3Errors.methodNotAllowed(ctx.inc.method, 'DeleteMarker'), {
        ...deleteMarkerHeaders(found.entity),
        allow: 'DELETE',
        'last-modified': new Date(found.entity.lastModified).toUTCString(),
      })
    }
    return found.entity
  }
  const obj = bucket.objects.get(key)
  if (obj) return obj
  ctx.authorize('s3:ListBucket', arns.bucket(bucket.name), { bucket })
  const marker = currentDeleteMarker(bucket, key)
  if (marker) throw new S3HeaderError(s3Errors.noSuchKey(key), deleteMarkerHeaders(marker))
  throw s3Errors.noSuchKey(key)
}

function checkKey(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw s3Errors.keyTooLong()
}

export const putObject: S3Operation = {
  name: 'PutObject',
  run(ctx) {
    const bucket = requireBucket(ctx)
    const key = ctx.key!
    checkKey(key)
    const tagHeader = ctx.inc.headers.get('x-amz-tagging')
    const tags = tagHeader !== null ? headerTags(tagHeader) : undefined
    const tagContext = tags ? requestTagContext(tags) : undefined
    const acl = requestedAcl(ctx)
    const grants = requestGrants(ctx)
    const aclContext = checkWriteAcl(bucket, acl, grants)
    const sseHeader = ctx.inc.headers.get('x-amz-server-side-encryption')
    const sse = objectEncryption(bucket, sseHeader, ctx.inc.headers.get('x-amz-server-side-encryption-aws-kms-key-id'))
    // s3:x-amz-server-side-encryption is the header as sent (absent when not sent).
    const putContext = { ...tagContext, ...aclContext, ...(sseHeader !== null ? { 's3:x-amz-server-side-encryption': sseHeader } : {}) }
    ctx.authorize('s3:PutObject', arns.object(bucket.name, key), { bucket, context: putContext })
    // An ACL other than the enforced default also needs s3:PutObjectAcl.
    if (acl !== undefined && bucket.ownership !== 'BucketOwnerEnforced') ctx.authorize('s3:PutObjectAcl', arns.object(bucket.name, key), { bucket, context: aclContext })
    // Tagging on upload also needs s3:PutObjectTagging (S3 User Guide, "Object tagging and access control policies").
    if (tagContext) ctx.authorize('s3:PutObjectTagging', arns.object(bucket.name, key), { bucket, context: tagContext })
    const storageClass = requestedStorageClass(ctx.inc.headers)
    const stored = storedHeaders(ctx.inc.headers)
    const checksum = uploadChecksum(ctx.inc.headers, ctx.trailers, ctx.body)
    const body = new Uint8Array(ctx.body)
    const obj: ObjectEntity = {
      key,
      body,
      etag: etagOf(body),
      lastModified: ctx.now,
      metadata: userMetadata(ctx.inc.headers),
      ...(ctx.inc.headers.get('content-type') ? { contentType: ctx.inc.headers.get('content-type')! } : {}),
      ...(checksum ? { checksum } : {}),
      ...(storageClass ? { storageClass } : {}),
      ...(stored ? { stored } : {}),
      ...(tags?.length ? { tags } : {}),
      ...(acl && acl !== 'grants' && acl !== 'private' && bucket.ownership !== 'BucketOwnerEnforced' ? { acl } : {}),
      ...(grants && bucket.ownership !== 'BucketOwnerEnforced' ? { aclGrants: grants } : {}),
      ...(sse.algorithm !== 'AES256' ? { sse } : {}),
    }
    const versionId = storeObject(bucket, obj)
    const headers: Record<string, string> = { etag: obj.etag, ...encryptionHeaders(obj.sse) }
    if (versionId) headers['x-amz-version-id'] = versionId
    if (checksum) headers[`x-amz-checksum-${checksum.algorithm}`] = checksum.value
    return { status: 200, headers }
  },
}

/**
 * `bytes=a-b`, `bytes=a-`, `bytes=-n` -> [start, end] inclusive, or undefined (ignored). As
 * recorded against AWS (LocalStack test_get_object_range, 2026-02): a malformed range or one
 * whose end is before its start (`bytes=1-0`) is ignored (200, whole object); a start past the
 * end of the object, or `bytes=-0`, is InvalidRange (416).
 */
function parseRange(range: string | null, size: number): [number, number] | 'unsatisfiable' | undefined {
  if (!range) return undefined
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim())
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  if (m[1] === '') {
    const n = Number(m[2])
    if (n === 0) return 'unsatisfiable'
    return [Math.max(0, size - n), size - 1]
  }
  const start = Number(m[1])
  if (m[2] !== '' && start > Number(m[2])) return undefined
  if (start >= size) return 'unsatisfiable'
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  return [start, end]
}

function readObject(ctx: S3Context, head: boolean): S3Result {
  const bucket = requireBucket(ctx)
  const key = ctx.key!
  const versionId = versionIdParam(ctx)
  // A request for a specific version needs s3:GetObjectVersion instead of s3:GetObject
  // (Service Authorization Reference, Amazon S3 actions).
  // The object's tags are condition keys (s3:ExistingObjectTag/<key>): look it up first, quietly.
  const existing = versionId === undefined ? bucket.objects.get(key) : isWellFormedVersionId(versionId) ? findVersion(bucket, key, versionId)?.entity : undefined
  ctx.authorize(versionId === undefined ? 's3:GetObject' : 's3:GetObjectVersion', arns.object(bucket.name, key), { bucket, context: existingTagContext(existing) })
  const obj = requireObject(ctx, bucket, key, versionId)
  if (!head && obj.storageClass && ARCHIVED_CLASSES.has(obj.storageClass)) {
    throw new AwsServiceError('InvalidObjectState', 403, "The operation is not valid for the object's storage class", { StorageClass: obj.storageClass })
  }
  const range = parseRange(ctx.inc.headers.get('range'), obj.body.length)
  const wantChecksum = ctx.inc.headers.get('x-amz-checksum-mode') === 'ENABLED'
  if (range === 'unsatisfiable') throw s3Errors.invalidRange(obj.body.length, ctx.inc.headers.get('range') ?? '')
  if (range) {
    const [start, end] = range
    const headers = { ...objectHeaders(obj, false), 'content-range': `bytes ${start}-${end}/${obj.body.length}`, 'content-length': String(end - start + 1) }
    return { status: 206, headers, ...(head ? {} : { body: obj.body.subarray(start, end + 1) }) }
  }
  const headers = { ...objectHeaders(obj, wantChecksum), 'content-length': String(obj.body.length) }
  return { status: 200, headers, ...(head ? {} : { body: obj.body }) }
}

export const getObject: S3Operation = { name: 'GetObject', run: (ctx) => readObject(ctx, false) }
export const headObject: S3Operation = { name: 'HeadObject', run: (ctx) => readObject(ctx, true) }

/**
 * DeleteObject. Without a version id: removes the object, or (versioned bucket) adds a delete
 * marker. With one (s3:DeleteObjectVersion): removes that version for good; a well-formed id
 * that names nothing is still 204, as deleting is idempotent.
 */
export const deleteObject: S3Operation = {
  name: 'DeleteObject',
  run(ctx) {
    const bucket = requireBucket(ctx)
    const key = ctx.key!
    const versionId = versionIdParam(ctx)
    ctx.authorize(versionId === undefined ? 's3:DeleteObject' : 's3:DeleteObjectVersion', arns.object(bucket.name, key), { bucket })
    return { status: 204, headers: deleteOne(bucket, key, versionId, ctx.now) }
  },
}

/** Delete one key or version (DeleteObject, DeleteObjects); returns the headers S3 reports. */
export function deleteOne(bucket: BucketEntity, key: string, versionId: string | undefined, now: number): Record<string, string> {
  if (versionId === undefined) {
    const marker = deleteCurrent(bucket, key, now)
    return marker ? deleteMarkerHeaders(marker) : {}
  }
  checkVersionId(bucket, versionId)
  const found = findVersion(bucket, key, versionId)
  if (!found) return bucket.versioning === undefined ? {} : { 'x-amz-version-id': versionId }
  deleteVersion(bucket, key, found)
  return found.entity.deleteMarker ? deleteMarkerHeaders(found.entity) : { 'x-amz-version-id': versionId }
}
