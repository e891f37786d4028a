import { arns } from '../../arn.js'
import { s3Time, s3Xml } from '../../protocols/rest-xml.js'
import type { BucketEntity, ObjectEntity } from '../../state/model.js'
import { requireBucket } from './buckets.js'
import type { S3Context } from './context.js'
import { s3Errors } from './errors.js'
import { allVersions, firstKeyWithVersions, nextKeyWithVersions, wireVersionId } from './object-store.js'
import { XML, type S3Operation } from './types.js'

const AFTER_PREFIX = '\uffff'

interface VersionsPage {
  entries: Array<{ obj: ObjectEntity; latest: boolean }>
  commonPrefixes: string[]
  truncated: boolean
  nextKeyMarker?: string
  nextVersionIdMarker?: string
}

/**
 * One page of versions in S3's order: keys ascending, each key's versions newest first (the
 * current one is `IsLatest`). A common prefix counts as one entry. Resuming after
 * (`keyMarker`, `versionIdMarker`) continues within that key; after `keyMarker` alone, with the
 * next key. Costs a binary search per key visited plus the page.
 */
function listVersions(
  bucket: BucketEntity,
  opts: { prefix: string; delimiter?: string; keyMarker?: string; versionIdMarker?: string; maxKeys: number },
): VersionsPage {
  const page: VersionsPage = { entries: [], commonPrefixes: [], truncated: false }
  const { prefix, delimiter, maxKeys } = opts
  let count = 0
  let skipUntil = opts.versionIdMarker !== undefined && opts.keyMarker !== undefined ? opts.versionIdMarker : undefined
  let key: string | undefined
  if (opts.keyMarker === undefined || opts.keyMarker < prefix) key = firstKeyWithVersions(bucket, prefix)
  else if (skipUntil !== undefined) key = opts.keyMarker
  else key = nextKeyWithVersions(bucket, delimiter && opts.keyMarker.endsWith(delimiter) ? opts.keyMarker + AFTER_PREFIX : opts.keyMarker)
  if (key !== opts.keyMarker) skipUntil = undefined
  const full = (): boolean => {
    if (count < maxKeys) return false
    page.truncated = true
    return true
  }
  outer: while (key !== undefined && key.startsWith(prefix)) {
    const rest = key.slice(prefix.length)
    const cut = delimiter ? rest.indexOf(delimiter) : -1
    if (cut >= 0 && skipUntil === undefined) {
      const entry = prefix + rest.slice(0, cut + delimiter!.length)
      if (full()) break
      page.commonPrefixes.push(entry)
      count++
      page.nextKeyMarker = entry
      delete page.nextVersionIdMarker
      key = nextKeyWithVersions(bucket, entry + AFTER_PREFIX)
      continue
    }
    let latest = true
    for (const obj of allVersions(bucket, key)) {
      const isLatest = latest
      latest = false
      if (skipUntil !== undefined) {
        if (wireVersionId(obj) === skipUntil) skipUntil = undefined
        continue
      }
      if (full()) break outer
      page.entries.push({ obj, latest: isLatest })
      count++
      page.nextKeyMarker = key
      page.nextVersionIdMarker = wireVersionId(obj)
    }
    skipUntil = undefined
    key = nextKeyWithVersions(bucket, key)
  }
  if (!page.truncated) {
    delete page.nextKeyMarker
    delete page.nextVersionIdMarker
  }
  return page
}

function maxKeysOf(raw: string | undefined): number {
  if (raw === undefined) return 1000
  if (!/^\d+$/.test(raw)) throw s3Errors.invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw)
  return Math.min(Number(raw), 1000)
}

/** ListObjectVersions (`GET /bucket?versions`): s3:ListBucketVersions with the listing's condition keys. */
export const listObjectVersions: S3Operation = {
  name: 'ListObjectVersions',
  run(ctx: S3Context) {
    const bucket = requireBucket(ctx)
    const q = new Map(ctx.inc.query)
    const maxKeys = maxKeysOf(q.get('max-keys'))
    ctx.authorize('s3:ListBucketVersions', arns.bucket(bucket.name), {
      bucket,
      context: {
        's3:prefix': q.get('prefix') ?? '',
        's3:delimiter': q.get('delimiter'),
        ...(q.has('max-keys') ? { 's3:max-keys': Number(q.get('max-keys')) } : {}),
      },
    })
    const keyMarker = q.get('key-marker') || undefined
    const versionIdMarker = q.get('version-id-marker') || undefined
    if (versionIdMarker !== undefined && keyMarker === undefined) {
      throw s3Errors.invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', versionIdMarker)
    }
    const prefix = q.get('prefix') ?? ''
    const delimiter = q.get('delimiter') || undefined
    const page = listVersions(bucket, {
      prefix,
      ...(delimiter ? { delimiter } : {}),
      ...(keyMarker ? { keyMarker } : {}),
      ...(versionIdMarker ? { versionIdMarker } : {}),
      maxKeys,
    })
    const url = q.get('encoding-type') === 'url'
    const enc = url ? (s: string) => encodeURIComponent(s).replace(/%2F/g, '/') : (s: string) => s
    const account = ctx.rt.state.accounts.get(bucket.accountId)
    const owner = account ? { ID: account.canonicalUserId, DisplayName: `iamflow-${account.id}` } : undefined
    const versions = page.entries.filter((e) => !e.obj.deleteMarker)
    const markers = page.entries.filter((e) => e.obj.deleteMarker)
    const body = s3Xml('ListVersionsResult', {
      Name: bucket.name,
      Prefix: enc(prefix),
      KeyMarker: enc(keyMarker ?? ''),
      VersionIdMarker: versionIdMarker ?? '',
      ...(page.nextKeyMarker !== undefined ? { NextKeyMarker: enc(page.nextKeyMarker) } : {}),
      ...(page.nextVersionIdMarker !== undefined ? { NextVersionIdMarker: page.nextVersionIdMarker } : {}),
      MaxKeys: maxKeys,
      ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
      ...(url ? { EncodingType: 'url' } : {}),
      IsTruncated: page.truncated,
      ...(versions.length
        ? {
            Version: versions.map(({ obj, latest }) => ({
              Key: enc(obj.key),
              VersionId: wireVersionId(obj),
              IsLatest: latest,
              LastModified: s3Time(obj.lastModified),
              ETag: obj.etag,
              Size: obj.body.length,
              ...(owner ? { Owner: owner } : {}),
              StorageClass: obj.storageClass ?? 'STANDARD',
            })),
          }
        : {}),
      ...(markers.length
        ? {
            DeleteMarker: markers.map(({ obj, latest }) => ({
              ...(owner ? { Owner: owner } : {}),
              Key: enc(obj.key),
              VersionId: wireVersionId(obj),
              IsLatest: latest,
              LastModified: s3Time(obj.lastModified),
            })),
          }
        : {}),
      ...(page.commonPrefixes.length ? { CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })) } : {}),
    })
    return { status: 200, headers: XML, body }
  },
}
