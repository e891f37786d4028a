import { arns } from '../../arn.js'
import type { ContextValue } from '../../../policy/types.js'
import { s3Xml } from '../../protocols/rest-xml.js'
import type { BucketEntity, ObjectEntity, Tag } from '../../state/model.js'
import { dict } from '../../../safe-object.js'
import { AwsServiceError } from '../types.js'
import { requireBucket } from './buckets.js'
import type { S3Context } from './context.js'
import { s3Errors } from './errors.js'
import { findVersion, versionSlot, wireVersionId } from './object-store.js'
import { checkVersionId, versionIdParam } from './version-id.js'
import { XML, type S3Operation } from './types.js'
import { parseXmlBody } from './xml-input.js'

/**
 * Bucket and object tagging, and the tag condition keys S3 gives the policy engine.
 * Limits and texts: S3 User Guide "Categorizing your storage using tags" (10 tags per object,
 * keys up to 128 and values up to 256 characters) and real responses quoted in public reports
 * (BadRequest "Object tags cannot be greater than 10"; InvalidTag "Cannot provide multiple Tags
 * with the same key").
 */
const MAX_OBJECT_TAGS = 10
const MAX_BUCKET_TAGS = 50
/** Bound on what a body or header may list before validation (the limits above are far below). */
const MAX_LISTED_TAGS = 1000

const invalidTag = (message: string, extra: Record<string, string> = {}) => new AwsServiceError('InvalidTag', 400, message, extra)

/** Check a tag set as S3 does; `kind` picks the limit and the `aws:` rule. */
export function validateTags(tags: Tag[], kind: 'object' | 'bucket'): Tag[] {
  const seen = new Set<string>()
  for (const { Key, Value } of tags) {
    if ([...Key].length < 1 || [...Key].length > 128) throw invalidTag('The TagKey you have provided is invalid', { TagKey: Key })
    if ([...Value].length > 256) throw invalidTag('The TagValue you have provided is invalid', { TagKey: Key, TagValue: Value })
    if (seen.has(Key)) throw invalidTag('Cannot provide multiple Tags with the same key', { TagKey: Key })
    seen.add(Key)
    // Reported texts: objects (moto, from AWS) and buckets (terraform-provider-aws issues).
    if (Key.toLowerCase().startsWith('aws:')) {
      throw invalidTag(kind === 'object' ? 'Your TagKey cannot be prefixed with aws:' : 'System tags cannot be added/updated by requester', { TagKey: Key })
    }
  }
  if (kind === 'object' && tags.length > MAX_OBJECT_TAGS) throw new AwsServiceError('BadRequest', 400, 'Object tags cannot be greater than 10')
  if (kind === 'bucket' && tags.length > MAX_BUCKET_TAGS) throw new AwsServiceError('BadRequest', 400, 'Bucket tags cannot be greater than 50')
  return tags
}

/** `<Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>` -> tags (not yet validated). */
function parseTagging(body: Uint8Array): Tag[] {
  const doc = parseXmlBody(body, { keepWhitespace: true }).Tagging as Record<string, unknown> | undefined
  if (!doc || typeof doc !== 'object') throw s3Errors.malformedXml()
  const set = doc.TagSet
  if (set === undefined || set === '' || (typeof set === 'string' && set.trim() === '')) return []
  if (typeof set !== 'object' || set === null) throw s3Errors.malformedXml()
  const raw = (set as Record<string, unknown>).Tag
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
  if (list.length > MAX_LISTED_TAGS) throw s3Errors.malformedXml()
  return list.map((t: unknown) => {
    const r = t as Record<string, unknown> | null
    if (!r || typeof r !== 'object' || typeof r.Key !== 'string') throw s3Errors.malformedXml()
    const value = r.Value === undefined ? '' : r.Value
    if (typeof value !== 'string') throw s3Errors.malformedXml()
    return { Key: r.Key, Value: value }
  })
}

/** `x-amz-tagging: k1=v1&k2=v2` (URL query encoding) -> validated object tags. */
export function headerTags(header: string): Tag[] {
  const params = new URLSearchParams(header)
  const tags: Tag[] = []
  const seen = new Set<string>()
  for (const [Key, Value] of params) {
    if (tags.length >= MAX_LISTED_TAGS) break
    if (seen.has(Key)) {
      throw s3Errors.invalidArgument(
        "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
        'x-amz-tagging',
        header,
      )
    }
    seen.add(Key)
    tags.push({ Key, Value })
  }
  return validateTags(tags, 'object')
}

/** `s3:RequestObjectTag/<key>` and `s3:RequestObjectTagKeys` for a request that sets object tags. */
export function requestTagContext(tags: Tag[]): Record<string, ContextValue> {
  const ctx = dict<ContextValue>()
  for (const t of tags) ctx[`s3:RequestObjectTag/${t.Key}`] = t.Value
  ctx['s3:RequestObjectTagKeys'] = tags.map((t) => t.Key)
  return ctx
}

/** `s3:ExistingObjectTag/<key>` for each tag the object has. */
export function existingTagContext(obj: ObjectEntity | undefined): Record<string, ContextValue> {
  const ctx = dict<ContextValue>()
  for (const t of obj?.tags ?? []) ctx[`s3:ExistingObjectTag/${t.Key}`] = t.Value
  return ctx
}

function tagSetXml(tags: Tag[]): string {
  return s3Xml('Tagging', { TagSet: tags.length ? { Tag: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : '' })
}

/**
 * The object (version) a tagging request names, looked up before authorization so its tags
 * can be condition keys; a noncurrent version is re-read with `get` so the state journal sees
 * the change.
 */
function taggedObject(ctx: S3Context, bucket: BucketEntity, versionId: string | undefined): ObjectEntity | undefined {
  const key = ctx.key!
  if (versionId === undefined) return bucket.objects.get(key)
  checkVersionId(bucket, versionId)
  const found = findVersion(bucket, key, versionId)
  if (!found || found.entity.deleteMarker) return undefined
  return bucket.objects.get(key) === found.entity ? found.entity : bucket.versions.get(versionSlot(key, found.entity.seq ?? 0))
}

function objectTaggingOp(name: string, base: string, run: (ctx: S3Context, obj: ObjectEntity, tags: Tag[] | undefined) => { status: number; headers?: Record<string, string>; body?: string }): S3Operation {
  return {
    name,
    run(ctx) {
      const bucket = requireBucket(ctx)
      const versionId = versionIdParam(ctx)
      const obj = taggedObject(ctx, bucket, versionId)
      const tags = name === 'PutObjectTagging' ? validateTags(parseTagging(ctx.body), 'object') : undefined
      // s3:PutObjectVersionTagging etc. when a version is named (Service Authorization Reference).
      const action = versionId === undefined ? `s3:${base}` : `s3:${base.replace('Object', 'ObjectVersion')}`
      ctx.authorize(action, arns.object(bucket.name, ctx.key!), { bucket, context: { ...existingTagContext(obj), ...(tags ? requestTagContext(tags) : {}) } })
      if (!obj) {
        if (versionId !== undefined) throw new AwsServiceError('NoSuchVersion', 404, 'The specified version does not exist.', { Key: ctx.key!, VersionId: versionId })
        throw s3Errors.noSuchKey(ctx.key!)
      }
      const out = run(ctx, obj, tags)
      if (obj.seq !== undefined) out.headers = { ...out.headers, 'x-amz-version-id': wireVersionId(obj) }
      return out
    },
  }
}

export const putObjectTagging = objectTaggingOp('PutObjectTagging', 'PutObjectTagging', (_ctx, obj, tags) => {
  if (tags?.length) obj.tags = tags
  else delete obj.tags
  return { status: 200 }
})
export const getObjectTagging = objectTaggingOp('GetObjectTagging', 'GetObjectTagging', (_ctx, obj) => ({ status: 200, headers: XML, body: tagSetXml(obj.tags ?? []) }))
export const deleteObjectTagging = objectTaggingOp('DeleteObjectTagging', 'DeleteObjectTagging', (_ctx, obj) => {
  delete obj.tags
  return { status: 204 }
})

export const putBucketTagging: S3Operation = {
  name: 'PutBucketTagging',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketTagging', arns.bucket(bucket.name), { bucket })
    const tags = validateTags(parseTagging(ctx.body), 'bucket')
    bucket.tags = tags
    return { status: 204 }
  },
}

export const getBucketTagging: S3Operation = {
  name: 'GetBucketTagging',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetBucketTagging', arns.bucket(bucket.name), { bucket })
    if (!bucket.tags?.length) throw new AwsServiceError('NoSuchTagSet', 404, 'The TagSet does not exist', { BucketName: bucket.name })
    return { status: 200, headers: XML, body: tagSetXml(bucket.tags) }
  },
}

/** DeleteBucketTagging is authorized as s3:PutBucketTagging (botocore DeleteBucketTagging doc). */
export const deleteBucketTagging: S3Operation = {
  name: 'DeleteBucketTagging',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketTagging', arns.bucket(bucket.name), { bucket })
    delete bucket.tags
    return { status: 204 }
  },
}
