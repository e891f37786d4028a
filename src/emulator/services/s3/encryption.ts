import { arns } from '../../arn.js'
import { s3Xml } from '../../protocols/rest-xml.js'
import type { BucketEntity } from '../../state/model.js'
import { requireBucket } from './buckets.js'
import { s3Errors } from './errors.js'
import { XML, type S3Operation } from './types.js'
import { parseXmlBody } from './xml-input.js'

/**
 * Default bucket encryption (S3 User Guide, "Setting default server-side encryption behavior":
 * since January 5, 2023 every bucket has SSE-S3 as its base level, and it cannot be removed:
 * DeleteBucketEncryption resets it to SSE-S3). KMS keys are not emulated: an `aws:kms` setting is
 * kept and reported, objects are not really encrypted (neither are SSE-S3 ones).
 */
const ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse'])

/** The encryption an object written now gets: the request's header, else the bucket default. */
export function objectEncryption(bucket: BucketEntity, header: string | null, kmsKeyId: string | null): { algorithm: string; kmsKeyId?: string } {
  if (header !== null) {
    if (!ALGORITHMS.has(header)) throw s3Errors.invalidArgument('The encryption method specified is not supported', 'x-amz-server-side-encryption', header)
    return { algorithm: header, ...(kmsKeyId !== null && header !== 'AES256' ? { kmsKeyId } : {}) }
  }
  const d = bucket.encryption
  return d ? { algorithm: d.algorithm, ...(d.kmsKeyId ? { kmsKeyId: d.kmsKeyId } : {}) } : { algorithm: 'AES256' }
}

/** Response headers describing an object's encryption. */
export function encryptionHeaders(sse: { algorithm: string; kmsKeyId?: string } | undefined): Record<string, string> {
  const h: Record<string, string> = { 'x-amz-server-side-encryption': sse?.algorithm ?? 'AES256' }
  if (sse?.kmsKeyId) h['x-amz-server-side-encryption-aws-kms-key-id'] = sse.kmsKeyId
  return h
}

export const putBucketEncryption: S3Operation = {
  name: 'PutBucketEncryption',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutEncryptionConfiguration', arns.bucket(bucket.name), { bucket })
    const doc = parseXmlBody(ctx.body).ServerSideEncryptionConfiguration as Record<string, unknown> | undefined
    const rule = doc && typeof doc === 'object' ? doc.Rule : undefined
    const first = (Array.isArray(rule) ? rule[0] : rule) as Record<string, unknown> | undefined
    const by = first && typeof first === 'object' ? (first.ApplyServerSideEncryptionByDefault as Record<string, unknown> | undefined) : undefined
    const algorithm = by && typeof by === 'object' ? by.SSEAlgorithm : undefined
    if (typeof algorithm !== 'string' || !ALGORITHMS.has(algorithm)) throw s3Errors.malformedXml()
    const kmsKeyId = typeof by!.KMSMasterKeyID === 'string' ? by!.KMSMasterKeyID : undefined
    if (algorithm === 'AES256' && kmsKeyId !== undefined) {
      throw s3Errors.invalidArgument('a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse', 'ApplyServerSideEncryptionByDefault', '')
    }
    bucket.encryption = { algorithm, ...(kmsKeyId ? { kmsKeyId } : {}), ...(first!.BucketKeyEnabled === 'true' ? { bucketKeyEnabled: true } : {}) }
    return { status: 200, headers: { 'content-length': '0' } }
  },
}

export const getBucketEncryption: S3Operation = {
  name: 'GetBucketEncryption',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetEncryptionConfiguration', arns.bucket(bucket.name), { bucket })
    const e = bucket.encryption ?? { algorithm: 'AES256' }
    const body = s3Xml('ServerSideEncryptionConfiguration', {
      Rule: {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: e.algorithm, ...(e.kmsKeyId ? { KMSMasterKeyID: e.kmsKeyId } : {}) },
        BucketKeyEnabled: e.bucketKeyEnabled === true,
      },
    })
    return { status: 200, headers: XML, body }
  },
}

/** DeleteBucketEncryption (authorized as s3:PutEncryptionConfiguration) resets the default to SSE-S3. */
export const deleteBucketEncryption: S3Operation = {
  name: 'DeleteBucketEncryption',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutEncryptionConfiguration', arns.bucket(bucket.name), { bucket })
    delete bucket.encryption
    return { status: 204 }
  },
}
