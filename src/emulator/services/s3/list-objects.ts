import { arns } from '../../arn.js'
import { s3Time, s3Xml } from '../../protocols/rest-xml.js'
import type { AccountState, BucketEntity, ObjectEntity } from '../../state/model.js'
import { positionAfter, type SortedSource } from '../../state/sorted-map.js'
import { requireBucket } from './buckets.js'
import type { S3Context } from './context.js'
import { s3Errors } from './errors.js'
import { XML, type S3Operation } from './types.js'

/** One page of a listing: objects and common prefixes in key order. */
export interface ListPage {
  contents: ObjectEntity[]
  commonPrefixes: string[]
  truncated: boolean
  /** The last key or common prefix returned (resume point). */
  last?: string
}

const AFTER_PREFIX = '\uffff'

/**
 * List keys after `after` under `prefix`, grouping by `delimiter`; each object and common
 * prefix counts towards `maxKeys`. Resuming after a common prefix skips every key under it.
 * The bucket keeps its keys sorted, so a page is a binary search plus the page (and one search
 * per common prefix), whatever the size of the bucket.
 */
export function listKeys(bucket: BucketEntity, opts: { prefix: string; delimiter?: string; after?: string; maxKeys: number }): ListPage {
  const objects = bucket.objects
  const contents: ObjectEntity[] = []
  const commonPrefixes: string[] = []
  let truncated = false
  let last: string | undefined
  // Keys under a prefix are contiguous in key order and start at the prefix itself.
  let i = Math.max(positionAfter(objects, opts.after ?? ''), firstAtLeast(objects, opts.prefix))
  while (i < objects.size) {
    const key = objects.sortKeyAt(i)
    if (!key.startsWith(opts.prefix)) break
    if (contents.length + commonPrefixes.length >= opts.maxKeys) {
      truncated = true
      break
    }
    const rest = key.slice(opts.prefix.length)
    const cut = opts.delimiter ? rest.indexOf(opts.delimiter) : -1
    if (cut >= 0) {
      const entry = opts.prefix + rest.slice(0, cut + opts.delimiter!.length)
      commonPrefixes.push(entry)
      last = entry
      i = positionAfter(objects, entry + AFTER_PREFIX)
    } else {
      contents.push(objects.valueAt(i))
      last = key
      i++
    }
  }
  return { contents, commonPrefixes, truncated, ...(last !== undefined ? { last } : {}) }
}

/** Position of the first key that is `>= target`. */
function firstAtLeast(source: SortedSource<unknown>, target: string): number {
  let lo = 0
  let hi = source.size
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (source.sortKeyAt(mid) < target) lo = mid + 1
    else hi = mid
  }
  return lo
}

function maxKeysOf(q: Map<string, string>): number {
  const raw = q.get('max-keys')
  if (raw === undefined) return 1000
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isInteger(n)) throw s3Errors.invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw)
  return Math.min(n, 1000)
}

/** Authorize s3:ListBucket with the listing's condition keys (s3:prefix, s3:delimiter, s3:max-keys). */
function authorizeList(ctx: S3Context, bucket: BucketEntity, q: Map<string, string>): void {
  ctx.authorize('s3:ListBucket', arns.bucket(bucket.name), {
    bucket,
    context: {
      's3:prefix': q.get('prefix') ?? '',
      's3:delimiter': q.get('delimiter'),
      ...(q.has('max-keys') ? { 's3:max-keys': Number(q.get('max-keys')) } : {}),
    },
  })
}

function encoder(q: Map<string, string>): (s: string) => string {
  if (q.get('encoding-type') !== 'url') return (s) => s
  return (s) => encodeURIComponent(s).replace(/%2F/g, '/')
}

function owner(account: AccountState | undefined) {
  return account ? { ID: account.canonicalUserId, DisplayName: `iamflow-${account.id}` } : undefined
}

function contentsXml(page: ListPage, enc: (s: string) => string, withOwner: ReturnType<typeof owner>) {
  return page.contents.map((o) => ({
    Key: enc(o.key),
    LastModified: s3Time(o.lastModified),
    ETag: o.etag,
    ...(o.checksum ? { ChecksumAlgorithm: o.checksum.algorithm.toUpperCase() } : {}),
    Size: o.body.length,
    ...(withOwner ? { Owner: withOwner } : {}),
    StorageClass: o.storageClass ?? 'STANDARD',
  }))
}

export const listObjectsV2: S3Operation = {
  name: 'ListObjectsV2',
  run(ctx) {
    const bucket = requireBucket(ctx)
    const q = new Map(ctx.inc.query)
    const maxKeys = maxKeysOf(q)
    authorizeList(ctx, bucket, q)
    const token = q.get('continuation-token')
    let after = q.get('start-after')
    if (token !== undefined) {
      const decoded = Buffer.from(token, 'base64url').toString('utf8')
      if (!decoded.startsWith('v1:')) throw s3Errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token', token)
      after = decoded.slice(3)
    }
    const prefix = q.get('prefix') ?? ''
    const delimiter = q.get('delimiter') || undefined
    const page = listKeys(bucket, { prefix, ...(delimiter ? { delimiter } : {}), ...(after !== undefined ? { after } : {}), maxKeys })
    const enc = encoder(q)
    const resume = page.last !== undefined && page.commonPrefixes[page.commonPrefixes.length - 1] === page.last ? page.last + AFTER_PREFIX : page.last
    const accountOwner = q.get('fetch-owner') === 'true' ? owner(ctx.rt.state.accounts.get(bucket.accountId)) : undefined
    const body = s3Xml('ListBucketResult', {
      Name: bucket.name,
      Prefix: enc(prefix),
      ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
      MaxKeys: maxKeys,
      ...(q.get('encoding-type') === 'url' ? { EncodingType: 'url' } : {}),
      KeyCount: page.contents.length + page.commonPrefixes.length,
      IsTruncated: page.truncated,
      ...(token !== undefined ? { ContinuationToken: token } : {}),
      ...(page.truncated && resume !== undefined ? { NextContinuationToken: Buffer.from(`v1:${resume}`).toString('base64url') } : {}),
      // With a ContinuationToken, StartAfter is not echoed (LocalStack
      // test_list_objects_v2_continuation_start_after, recorded against AWS 2026-02).
      ...(q.has('start-after') && token === undefined ? { StartAfter: enc(q.get('start-after')!) } : {}),
      ...(page.contents.length ? { Contents: contentsXml(page, enc, accountOwner) } : {}),
      ...(page.commonPrefixes.length ? { CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })) } : {}),
    })
    return { status: 200, headers: XML, body }
  },
}

export const listObjects: S3Operation = {
  name: 'ListObjects',
  run(ctx) {
    const bucket = requireBucket(ctx)
    const q = new Map(ctx.inc.query)
    const maxKeys = maxKeysOf(q)
    authorizeList(ctx, bucket, q)
    const prefix = q.get('prefix') ?? ''
    const delimiter = q.get('delimiter') || undefined
    const marker = q.get('marker') ?? ''
    // A marker that is a common prefix resumes after everything under it.
    const after = delimiter && marker.endsWith(delimiter) ? marker + AFTER_PREFIX : marker
    const page = listKeys(bucket, { prefix, ...(delimiter ? { delimiter } : {}), after, maxKeys })
    const enc = encoder(q)
    const body = s3Xml('ListBucketResult', {
      Name: bucket.name,
      Prefix: enc(prefix),
      Marker: enc(marker),
      ...(page.truncated && delimiter && page.last !== undefined ? { NextMarker: enc(page.last) } : {}),
      MaxKeys: maxKeys,
      ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
      ...(q.get('encoding-type') === 'url' ? { EncodingType: 'url' } : {}),
      IsTruncated: page.truncated,
      ...(page.contents.length ? { Contents: contentsXml(page, enc, owner(ctx.rt.state.accounts.get(bucket.accountId))) } : {}),
      ...(page.commonPrefixes.length ? { CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })) } : {}),
    })
    return { status: 200, headers: XML, body }
  },
}
