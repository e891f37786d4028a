import { arns } from '../../arn.js'
import { s3Xml } from '../../protocols/rest-xml.js'
import type { BucketEntity } from '../../state/model.js'
import { AwsServiceError } from '../types.js'
import { requireBucket } from './buckets.js'
import { s3Errors } from './errors.js'
import { XML, type S3Operation } from './types.js'
import { parseXmlBody } from './xml-input.js'

import { effectiveBucketPolicy, isPublicPolicy } from './public-policy.js'
import { FLAGS, defaultPublicAccessBlock, type PublicAccessBlock } from './bucket-defaults.js'

export { defaultPublicAccessBlock, effectiveBucketPolicy, isPublicPolicy, type PublicAccessBlock }

/** PutBucketPolicy under BlockPublicPolicy: AccessDenied with S3's reason (as public reports quote it). */
export function refusePublicPolicy(bucket: BucketEntity, text: string, callerArn: string): void {
  if (!bucket.publicAccessBlock?.BlockPublicPolicy || !isPublicPolicy(text)) return
  throw new AwsServiceError(
    'AccessDenied',
    403,
    `User: ${callerArn} is not authorized to perform: s3:PutBucketPolicy on resource: "${arns.bucket(bucket.name)}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
  )
}

function parseConfiguration(body: Uint8Array): PublicAccessBlock {
  const doc = parseXmlBody(body).PublicAccessBlockConfiguration as Record<string, unknown> | undefined
  if (doc === undefined || typeof doc !== 'object' || doc === null) throw s3Errors.malformedXml()
  const out = defaultPublicAccessBlock()
  for (const flag of FLAGS) {
    const v = Object.hasOwn(doc, flag) ? doc[flag] : 'false'
    if (v !== 'true' && v !== 'false') throw s3Errors.malformedXml()
    out[flag] = v === 'true'
  }
  return out
}

export const putPublicAccessBlock: S3Operation = {
  name: 'PutPublicAccessBlock',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketPublicAccessBlock', arns.bucket(bucket.name), { bucket })
    bucket.publicAccessBlock = parseConfiguration(ctx.body)
    return { status: 200, headers: { 'content-length': '0' } }
  },
}

export const getPublicAccessBlock: S3Operation = {
  name: 'GetPublicAccessBlock',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetBucketPublicAccessBlock', arns.bucket(bucket.name), { bucket })
    const pab = bucket.publicAccessBlock
    if (!pab) {
      throw new AwsServiceError('NoSuchPublicAccessBlockConfiguration', 404, 'The public access block configuration was not found', { BucketName: bucket.name })
    }
    const body: Record<string, unknown> = {}
    for (const flag of FLAGS) body[flag] = pab[flag]
    return { status: 200, headers: XML, body: s3Xml('PublicAccessBlockConfiguration', body) }
  },
}

/** DeletePublicAccessBlock is authorized as s3:PutBucketPublicAccessBlock (botocore doc). */
export const deletePublicAccessBlock: S3Operation = {
  name: 'DeletePublicAccessBlock',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketPublicAccessBlock', arns.bucket(bucket.name), { bucket })
    delete bucket.publicAccessBlock
    return { status: 204 }
  },
}

/** GetBucketPolicyStatus: whether the bucket policy is public. */
export const getBucketPolicyStatus: S3Operation = {
  name: 'GetBucketPolicyStatus',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetBucketPolicyStatus', arns.bucket(bucket.name), { bucket })
    if (bucket.policy === undefined) throw s3Errors.noSuchBucketPolicy(bucket.name)
    return { status: 200, headers: XML, body: s3Xml('PolicyStatus', { IsPublic: isPublicPolicy(bucket.policy) }) }
  },
}
