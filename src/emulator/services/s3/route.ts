import type { S3Address } from '../../protocols/rest-xml.js'
import { deleteBucketPolicy, getBucketPolicy, putBucketPolicy } from './bucket-policy.js'
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from './buckets.js'
import { copyObject } from './copy-object.js'
import { deleteObjects } from './delete-objects.js'
import { s3Errors } from './errors.js'
import { listObjects, listObjectsV2 } from './list-objects.js'
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, uploadPart } from './multipart.js'
import { deleteObject, getObject, headObject, putObject } from './objects.js'
import type { S3Operation } from './types.js'

/** Query parameters that select a sub-resource (the rest are operation parameters). */
const SUBRESOURCES = new Set([
  'acl', 'accelerate', 'analytics', 'cors', 'delete', 'encryption', 'intelligent-tiering', 'inventory', 'lifecycle',
  'location', 'logging', 'metrics', 'notification', 'object-lock', 'ownershipControls', 'policy', 'policyStatus',
  'publicAccessBlock', 'replication', 'requestPayment', 'tagging', 'uploads', 'uploadId', 'versioning', 'versions',
  'website', 'attributes', 'legal-hold', 'retention', 'restore', 'select', 'torrent', 'partNumber',
])

/**
 * Every operation `selectS3Operation` can choose (CopyObject is chosen through PutObject's
 * `x-amz-copy-source` header): the emulator's published S3 coverage. Keep it with the router;
 * test/emulator-served-operations.test.ts probes the router with each SDK operation's HTTP
 * binding and fails when the two disagree.
 */
export const routedS3Operations: readonly S3Operation[] = [
  listBuckets, createBucket, deleteBucket, headBucket, getBucketLocation,
  getBucketPolicy, putBucketPolicy, deleteBucketPolicy,
  listObjects, listObjectsV2, deleteObjects,
  putObject, copyObject, getObject, headObject, deleteObject,
  createMultipartUpload, uploadPart, completeMultipartUpload, abortMultipartUpload,
]

/** Pick the S3 operation from method, bucket/key and sub-resource (the SDK's `x-id` is ignored). */
export function selectS3Operation(method: string, address: S3Address, query: Array<[string, string]>): S3Operation {
  const sub = query.map(([k]) => k).filter((k) => SUBRESOURCES.has(k))
  const has = (name: string) => sub.includes(name)
  if (address.bucket === undefined) {
    if (method === 'GET') return listBuckets
    throw s3Errors.methodNotAllowed(method, 'SERVICE')
  }
  if (address.key === undefined) {
    if (sub.length > 1 || (sub.length === 1 && !['policy', 'location', 'delete'].includes(sub[0]!))) throw s3Errors.notImplemented()
    switch (method) {
      case 'GET':
        if (has('policy')) return getBucketPolicy
        if (has('location')) return getBucketLocation
        return query.some(([k, v]) => k === 'list-type' && v === '2') ? listObjectsV2 : listObjects
      case 'PUT':
        return has('policy') ? putBucketPolicy : has('location') ? notAllowed(method) : createBucket
      case 'HEAD':
        return headBucket
      case 'DELETE':
        return has('policy') ? deleteBucketPolicy : has('location') ? notAllowed(method) : deleteBucket
      case 'POST':
        if (has('delete')) return deleteObjects
        return notAllowed(method)
      default:
        return notAllowed(method)
    }
  }
  if (has('uploads') && method === 'POST') return createMultipartUpload
  if (has('uploadId')) {
    if (method === 'PUT' && has('partNumber')) return uploadPart
    if (method === 'POST') return completeMultipartUpload
    if (method === 'DELETE') return abortMultipartUpload
    throw s3Errors.notImplemented()
  }
  if (sub.length > 0) throw s3Errors.notImplemented()
  switch (method) {
    case 'PUT':
      return putOrCopy
    case 'GET':
      return getObject
    case 'HEAD':
      return headObject
    case 'DELETE':
      return deleteObject
    default:
      return notAllowed(method)
  }
}

function notAllowed(method: string): never {
  throw s3Errors.methodNotAllowed(method, 'BUCKET')
}

/** PUT on a key is CopyObject when `x-amz-copy-source` is present. */
const putOrCopy: S3Operation = {
  name: 'PutObject',
  run: (ctx) => (ctx.inc.headers.has('x-amz-copy-source') ? copyObject.run(ctx) : putObject.run(ctx)),
}
