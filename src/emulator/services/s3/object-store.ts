import { randomBytes } from 'node:crypto'
import type { BucketEntity, ObjectEntity } from '../../state/model.js'
import { positionAfter, type SortedSource } from '../../state/sorted-map.js'

/**
 * The versions of a bucket's objects. `bucket.objects` holds each key's current version when
 * it is an object (what ListObjects and an unversioned GetObject see); `bucket.versions` holds
 * everything else: noncurrent versions and delete markers, keyed by `versionSlot`, so the
 * versions of one key are contiguous and newest first. A key's current version is its entry in
 * `objects`, or else its newest entry in `versions` when that is a delete marker.
 */

const SEQ_DIGITS = 15
const MAX_SEQ = 10 ** SEQ_DIGITS - 1
/** Separates the key from the inverted sequence number in a slot (keys cannot hold U+0000 in XML). */
const SEP = '\u0000'

/** The `versions` map key of a version: the object key, then its inverted sequence number. */
export function versionSlot(key: string, seq: number): string {
  return `${key}${SEP}${String(MAX_SEQ - seq).padStart(SEQ_DIGITS, '0')}`
}

/** The object key of a slot. */
export function keyOfSlot(slot: string): string {
  return slot.slice(0, slot.length - SEQ_DIGITS - 1)
}

const VERSION_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._'

/** A 32-character version id, like S3's current ones (`HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD`). */
export function newVersionId(): string {
  const bytes = randomBytes(32)
  let out = ''
  for (let i = 0; i < 32; i++) out += VERSION_ALPHABET[bytes[i]! % VERSION_ALPHABET.length]
  return out
}

/**
 * Whether `id` could be a version id S3 handed out: `null`, or S3's alphabet. S3's ids were
 * longer (base64-like, with `+`/`/`) before 2021 and are 32 characters now; AWS does not
 * document the format, so anything of that alphabet up to 1024 characters is accepted.
 */
export function isWellFormedVersionId(id: string): boolean {
  return id === 'null' || /^[A-Za-z0-9._+/=-]{1,1024}$/.test(id)
}

/** The version id as the wire shows it (`null` for the null version). */
export function wireVersionId(obj: ObjectEntity): string {
  return obj.versionId ?? 'null'
}

function nextSeq(bucket: BucketEntity): number {
  bucket.versionSeq = (bucket.versionSeq ?? 0) + 1
  return bucket.versionSeq
}

/** Position of the first sort key `>= target`. */
export function firstAtLeast(source: SortedSource<unknown>, target: string): number {
  let lo = 0
  let hi = source.size
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (source.sortKeyAt(mid) < target) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The `versions` entries of `key`, newest first (a generator: callers stop when a page is full). */
export function* olderVersions(bucket: BucketEntity, key: string): Generator<ObjectEntity> {
  const prefix = key + SEP
  for (let i = firstAtLeast(bucket.versions, prefix); i < bucket.versions.size; i++) {
    if (!bucket.versions.sortKeyAt(i).startsWith(prefix)) return
    // Keys that extend `key` sort after `key + SEP` only when their next character is above U+0000.
    const slot = bucket.versions.sortKeyAt(i)
    if (keyOfSlot(slot) !== key) return
    yield bucket.versions.valueAt(i)
  }
}

/** Every version of `key`, newest first: the current object (if any), then `versions`. */
export function* allVersions(bucket: BucketEntity, key: string): Generator<ObjectEntity> {
  const current = bucket.objects.get(key)
  if (current) yield current
  yield* olderVersions(bucket, key)
}

/** The current version of `key` when it is a delete marker. */
export function currentDeleteMarker(bucket: BucketEntity, key: string): ObjectEntity | undefined {
  if (bucket.objects.has(key)) return undefined
  const newest = olderVersions(bucket, key).next()
  return !newest.done && newest.value.deleteMarker ? newest.value : undefined
}

/** The version `versionId` (`null` = the null version) of `key`, and whether it is current. */
export function findVersion(bucket: BucketEntity, key: string, versionId: string): { entity: ObjectEntity; current: boolean } | undefined {
  let first = true
  for (const v of allVersions(bucket, key)) {
    if (wireVersionId(v) === versionId) return { entity: v, current: first }
    first = false
  }
  return undefined
}

function toVersions(bucket: BucketEntity, obj: ObjectEntity): void {
  bucket.versions.set(versionSlot(obj.key, obj.seq ?? 0), obj)
}

/** Remove the null version of `key` wherever it is (a suspended bucket overwrites it). */
function dropNullVersion(bucket: BucketEntity, key: string): void {
  const current = bucket.objects.get(key)
  if (current && current.versionId === undefined) {
    bucket.objects.delete(key)
    return
  }
  for (const v of olderVersions(bucket, key)) {
    if (v.versionId === undefined) {
      bucket.versions.delete(versionSlot(key, v.seq ?? 0))
      return
    }
  }
}

/**
 * Store `obj` as the new current version of its key, as the bucket's versioning status says:
 * never enabled, it replaces the object; Enabled, it gets a new version id and the previous
 * current version becomes noncurrent; Suspended, it is the null version (replacing the old
 * null version). Returns the version id to report (`x-amz-version-id`), if any.
 */
export function storeObject(bucket: BucketEntity, obj: ObjectEntity): string | undefined {
  if (bucket.versioning === undefined) {
    bucket.objects.set(obj.key, obj)
    return undefined
  }
  obj.seq = nextSeq(bucket)
  if (bucket.versioning === 'Enabled') obj.versionId = newVersionId()
  else {
    delete obj.versionId
    dropNullVersion(bucket, obj.key)
  }
  const previous = bucket.objects.get(obj.key)
  if (previous) toVersions(bucket, previous)
  bucket.objects.set(obj.key, obj)
  return obj.versionId ?? (bucket.versioning === 'Suspended' ? 'null' : undefined)
}

/**
 * DeleteObject without a version id: an unversioned bucket removes the object; a versioned
 * one adds a delete marker (Enabled: a new version id; Suspended: the null version). Returns
 * the marker, if one was made.
 */
export function deleteCurrent(bucket: BucketEntity, key: string, now: number): ObjectEntity | undefined {
  if (bucket.versioning === undefined) {
    bucket.objects.delete(key)
    return undefined
  }
  const marker: ObjectEntity = { key, body: new Uint8Array(0), etag: '', lastModified: now, metadata: Object.create(null) as Record<string, string>, deleteMarker: true, seq: nextSeq(bucket) }
  if (bucket.versioning === 'Enabled') marker.versionId = newVersionId()
  else dropNullVersion(bucket, key)
  const previous = bucket.objects.get(key)
  if (previous) {
    bucket.objects.delete(key)
    toVersions(bucket, previous)
  }
  toVersions(bucket, marker)
  return marker
}

/**
 * Permanently delete one version. When it was the current object, the newest remaining
 * version becomes current (an object moves back into `objects`; a delete marker stays current).
 */
export function deleteVersion(bucket: BucketEntity, key: string, found: { entity: ObjectEntity; current: boolean }): void {
  const { entity, current } = found
  if (bucket.objects.get(key) === entity) bucket.objects.delete(key)
  else bucket.versions.delete(versionSlot(key, entity.seq ?? 0))
  if (!current) return
  const next = olderVersions(bucket, key).next()
  if (next.done || next.value.deleteMarker) return
  bucket.versions.delete(versionSlot(key, next.value.seq ?? 0))
  bucket.objects.set(key, next.value)
}

/** The first object key after `after` that has any version (current or not). */
export function nextKeyWithVersions(bucket: BucketEntity, after: string): string | undefined {
  const i = positionAfter(bucket.objects, after)
  const fromObjects = i < bucket.objects.size ? bucket.objects.sortKeyAt(i) : undefined
  // Slots of keys <= after sort at or below `after + SEP + max digits`.
  const j = positionAfter(bucket.versions, `${after}${SEP}${'9'.repeat(SEQ_DIGITS)}`)
  let fromVersions: string | undefined
  for (let k = j; k < bucket.versions.size && fromVersions === undefined; k++) {
    const key = keyOfSlot(bucket.versions.sortKeyAt(k))
    if (key > after) fromVersions = key
  }
  if (fromObjects === undefined) return fromVersions
  if (fromVersions === undefined) return fromObjects
  return fromObjects < fromVersions ? fromObjects : fromVersions
}

/** The first object key `>= target` that has any version (current or not). */
export function firstKeyWithVersions(bucket: BucketEntity, target: string): string | undefined {
  const i = firstAtLeast(bucket.objects, target)
  const a = i < bucket.objects.size ? bucket.objects.sortKeyAt(i) : undefined
  // A slot sorts at or after `target` exactly when its key does (the separator is U+0000).
  const j = firstAtLeast(bucket.versions, target)
  const b = j < bucket.versions.size ? keyOfSlot(bucket.versions.sortKeyAt(j)) : undefined
  if (a === undefined) return b
  if (b === undefined) return a
  return a < b ? a : b
}
