import { arns } from '../../arn.js'
import { s3Time, s3Xml } from '../../protocols/rest-xml.js'
import type { ObjectEntity } from '../../state/model.js'
import { requireBucket } from './buckets.js'
import { s3Errors } from './errors.js'
import { headerTags, requestTagContext } from './tagging.js'
import { AwsServiceError } from '../types.js'
import { requestedStorageClass, storedHeaders } from './object-headers.js'
import { storeObject, wireVersionId, findVersion } from './object-store.js'
import { userMetadata } from './objects.js'
import { checkVersionId } from './version-id.js'
import type { S3Context } from './context.js'
import type { BucketEntity } from '../../state/model.js'
import { XML, type S3Operation } from './types.js'
import { dictOf } from '../../../safe-object.js'

/** `x-amz-copy-source`: `[/]bucket/key[?versionId=...]`, URL-encoded. */
function parseCopySource(value: string): { bucket: string; key: string; versionId?: string } | undefined {
  const [path, query] = value.split('?', 2) as [string, string | undefined]
  const raw = path.replace(/^\//, '')
  const versionId = query !== undefined ? new URLSearchParams(query).get('versionId') ?? undefined : undefined
  const slash = raw.indexOf('/')
  if (slash <= 0 || slash === raw.length - 1) return undefined
  try {
    return { bucket: decodeURIComponent(raw.slice(0, slash)), key: decodeURIComponent(raw.slice(slash + 1)), ...(versionId !== undefined ? { versionId } : {}) }
  } catch {
    return undefined
  }
}

/** CopyObject: s3:GetObject on the source (its bucket policy applies) and s3:PutObject on the target. */
export const copyObject: S3Operation = {
  name: 'CopyObject',
  run(ctx) {
    const header = ctx.inc.headers.get('x-amz-copy-source') ?? ''
    const source = parseCopySource(header)
    if (!source) throw s3Errors.invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', header)
    const target = requireBucket(ctx)
    const from = ctx.rt.state.buckets.get(source.bucket)
    if (!from) throw s3Errors.noSuchBucket(source.bucket)
    // A source version needs s3:GetObjectVersion (Service Authorization Reference).
    ctx.authorize(source.versionId === undefined ? 's3:GetObject' : 's3:GetObjectVersion', arns.object(from.name, source.key), { bucket: from })
    const obj = sourceObject(ctx, from, source.key, source.versionId)
    // x-amz-tagging-directive: COPY (default) keeps the source's tags, REPLACE takes x-amz-tagging.
    const replaceTags = ctx.inc.headers.get('x-amz-tagging-directive') === 'REPLACE'
    const tagHeader = ctx.inc.headers.get('x-amz-tagging')
    const tags = replaceTags ? (tagHeader !== null ? headerTags(tagHeader) : []) : obj.tags ?? []
    const tagContext = tags.length ? requestTagContext(tags) : undefined
    ctx.authorize('s3:PutObject', arns.object(target.name, ctx.key!), { bucket: target, ...(tagContext ? { context: tagContext } : {}) })
    const replace = ctx.inc.headers.get('x-amz-metadata-directive') === 'REPLACE'
    const storageClass = requestedStorageClass(ctx.inc.headers)
    const redirect = ctx.inc.headers.get('x-amz-website-redirect-location')
    const changesSomething = replace || ctx.inc.headers.has('x-amz-storage-class') || redirect !== null
    if (!changesSomething && from === target && source.key === ctx.key) {
      throw s3Errors.invalidRequest(
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      )
    }
    const contentType = replace ? ctx.inc.headers.get('content-type') ?? undefined : obj.contentType
    // Content-* headers follow the metadata directive; the website redirect location is never
    // copied (botocore CopyObject WebsiteRedirectLocation: "not copied when using the
    // x-amz-metadata-directive header"); the storage class is the request's (STANDARD by default).
    const stored = replace ? storedHeaders(ctx.inc.headers) : copyStored(obj.stored, redirect)
    const copy: ObjectEntity = {
      key: ctx.key!,
      body: obj.body,
      etag: obj.etag,
      lastModified: ctx.now,
      metadata: replace ? userMetadata(ctx.inc.headers) : dictOf(obj.metadata),
      ...(contentType ? { contentType } : {}),
      ...(obj.checksum ? { checksum: obj.checksum } : {}),
      ...(storageClass ? { storageClass } : {}),
      ...(stored ? { stored } : {}),
      ...(tags.length ? { tags } : {}),
    }
    const versionId = storeObject(target, copy)
    const headers: Record<string, string> = { ...XML }
    if (versionId) headers['x-amz-version-id'] = versionId
    if (obj.seq !== undefined) headers['x-amz-copy-source-version-id'] = wireVersionId(obj)
    return { status: 200, headers, body: s3Xml('CopyObjectResult', { ETag: copy.etag, LastModified: s3Time(copy.lastModified) }) }
  },
}

/** The source's stored headers without its redirect location, plus the request's redirect if any. */
function copyStored(source: Record<string, string> | undefined, redirect: string | null): Record<string, string> | undefined {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(source ?? {})) if (k !== 'x-amz-website-redirect-location') out[k] = v
  if (redirect !== null) out['x-amz-website-redirect-location'] = redirect
  return Object.keys(out).length ? out : undefined
}

/** The source object (current, or the version asked for); a delete marker cannot be copied. */
function sourceObject(ctx: S3Context, from: BucketEntity, key: string, versionId: string | undefined): ObjectEntity {
  if (versionId !== undefined) {
    checkVersionId(from, versionId)
    const found = findVersion(from, key, versionId)
    if (found && !found.entity.deleteMarker) return found.entity
    if (found) throw s3Errors.invalidRequest('The source of a copy request may not specifically refer to a delete marker by version id.')
    throw new AwsServiceError('NoSuchVersion', 404, 'The specified version does not exist.', { Key: key, VersionId: versionId })
  }
  const obj = from.objects.get(key)
  if (obj) return obj
  ctx.authorize('s3:ListBucket', arns.bucket(from.name), { bucket: from })
  throw s3Errors.noSuchKey(key)
}
