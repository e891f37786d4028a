import type { BucketEntity } from '../../state/model.js'
import type { S3Context } from './context.js'
import { s3VersionErrors } from './errors.js'
import { isWellFormedVersionId } from './object-store.js'

/** The `versionId` query parameter, if given. */
export function versionIdParam(ctx: S3Context): string | undefined {
  return ctx.inc.query.find(([k]) => k === 'versionId')?.[1]
}

/**
 * Check a `versionId` before looking it up: malformed, or anything but `null` on a bucket
 * that never had versioning, is InvalidArgument (LocalStack
 * test_get_object_with_version_unversioned_bucket, recorded against AWS 2026-02, for GET and
 * DELETE; HEAD answers the same status without a body).
 */
export function checkVersionId(bucket: BucketEntity, id: string): void {
  if (!isWellFormedVersionId(id) || (bucket.versioning === undefined && id !== 'null')) throw s3VersionErrors.invalidVersionId(id)
}

