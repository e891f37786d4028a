import { arns } from '../../arn.js'
import { s3Xml } from '../../protocols/rest-xml.js'
import { AwsServiceError } from '../types.js'
import { requireBucket } from './buckets.js'
import { s3Errors } from './errors.js'
import { deleteOne } from './objects.js'
import { XML, type S3Operation } from './types.js'
import { parseXmlBody } from './xml-input.js'

const MAX_KEYS = 1000

/** DeleteObjects (`POST /bucket?delete`): each key authorized and reported on its own. */
export const deleteObjects: S3Operation = {
  name: 'DeleteObjects',
  run(ctx) {
    const bucket = requireBucket(ctx)
    // Keys are not trimmed: `" "` is a key S3 deletes (getmoto/moto#4077, PR #4244).
    const doc = parseXmlBody(ctx.body, { keepWhitespace: true }).Delete as Record<string, unknown> | undefined
    if (!doc || typeof doc !== 'object') throw s3Errors.malformedXml()
    const raw = doc.Object === undefined ? [] : Array.isArray(doc.Object) ? doc.Object : [doc.Object]
    if (raw.length === 0 || raw.length > MAX_KEYS) throw s3Errors.malformedXml()
    const quiet = String(doc.Quiet ?? 'false').trim().toLowerCase() === 'true'
    const deleted: Array<Record<string, unknown>> = []
    const errors: Array<{ Key: string; VersionId?: string; Code: string; Message: string }> = []
    for (const o of raw as Array<Record<string, unknown>>) {
      const key = typeof o?.Key === 'string' ? o.Key : undefined
      if (key === undefined) throw s3Errors.malformedXml()
      const versionId = typeof o.VersionId === 'string' ? o.VersionId.trim() : undefined
      try {
        const action = versionId === undefined ? 's3:DeleteObject' : 's3:DeleteObjectVersion'
        ctx.authorize(action, arns.object(bucket.name, key), { bucket })
        const h = deleteOne(bucket, key, versionId, ctx.now)
        if (!quiet) {
          // <Deleted>: the version deleted, or the delete marker made (DeleteMarkerVersionId).
          const marker = h['x-amz-delete-marker'] === 'true'
          deleted.push({
            Key: key,
            ...(versionId !== undefined ? { VersionId: versionId } : {}),
            ...(marker ? { DeleteMarker: true, DeleteMarkerVersionId: h['x-amz-version-id'] } : {}),
          })
        }
      } catch (err) {
        if (!(err instanceof AwsServiceError)) throw err
        errors.push({ Key: key, ...(versionId !== undefined ? { VersionId: versionId } : {}), Code: err.code, Message: err.message })
      }
    }
    const body = s3Xml('DeleteResult', { ...(deleted.length ? { Deleted: deleted } : {}), ...(errors.length ? { Error: errors } : {}) })
    return { status: 200, headers: XML, body }
  },
}
