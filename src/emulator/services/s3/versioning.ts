import { arns } from '../../arn.js'
import { s3Xml } from '../../protocols/rest-xml.js'
import { requireBucket } from './buckets.js'
import { AwsServiceError } from '../types.js'
import { s3Errors } from './errors.js'
import { XML, type S3Operation } from './types.js'
import { parseXmlBody } from './xml-input.js'

/**
 * PutBucketVersioning: `<VersioningConfiguration><Status>Enabled|Suspended</Status>`. Once
 * enabled, a bucket can only be suspended, never returned to unversioned (botocore doc).
 * MFA Delete needs the root user's MFA device, which the emulator does not model: changing it
 * is refused as S3 refuses a request without `x-amz-mfa` (AccessDenied "Mfa Authentication
 * must be used for this request", as public reports of PutBucketVersioning show).
 */
export const putBucketVersioning: S3Operation = {
  name: 'PutBucketVersioning',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketVersioning', arns.bucket(bucket.name), { bucket })
    const config = parseXmlBody(ctx.body).VersioningConfiguration as Record<string, unknown> | undefined
    if (config === undefined || typeof config !== 'object') throw s3Errors.malformedXml()
    const status = config.Status
    const mfa = config.MfaDelete
    if (status !== undefined && status !== 'Enabled' && status !== 'Suspended') throw s3Errors.malformedXml()
    if (mfa !== undefined && mfa !== 'Enabled' && mfa !== 'Disabled') throw s3Errors.malformedXml()
    if (mfa === 'Enabled') throw new AwsServiceError('AccessDenied', 403, 'Mfa Authentication must be used for this request')
    if (status !== undefined) bucket.versioning = status
    return { status: 200, headers: { 'content-length': '0' } }
  },
}

/** GetBucketVersioning: an empty configuration until versioning was first set. */
export const getBucketVersioning: S3Operation = {
  name: 'GetBucketVersioning',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetBucketVersioning', arns.bucket(bucket.name), { bucket })
    return { status: 200, headers: XML, body: s3Xml('VersioningConfiguration', bucket.versioning ? { Status: bucket.versioning } : {}) }
  },
}
