import type { S3Address } from '../../protocols/rest-xml.js'
import { deleteBucketPolicy, getBucketPolicy, putBucketPolicy } from './bucket-policy.js'
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from './buckets.js'
import { copyObject } from './copy-object.js'
import { deleteObjects } from './delete-objects.js'
import { s3Errors } from './errors.js'
import { listObjectVersions } from './list-object-versions.js'
import { listObjects, listObjectsV2 } from './list-objects.js'
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, uploadPart } from './multipart.js'
import { deleteObject, getObject, headObject, putObject } from './objects.js'
import { deleteBucketTagging, deleteObjectTagging, getBucketTagging, getObjectTagging, putBucketTagging, putObjectTagging } from './tagging.js'
import { deletePublicAccessBlock, getBucketPolicyStatus, getPublicAccessBlock, putPublicAccessBlock } from './public-access.js'
import { deleteBucketOwnershipControls, getBucketAcl, getBucketOwnershipControls, getObjectAcl, putBucketAcl, putBucketOwnershipControls, putObjectAcl } from './ownership.js'
import { deleteBucketCors, getBucketCors, putBucketCors } from './cors.js'
import { deleteBucketEncryption, getBucketEncryption, putBucketEncryption } from './encryption.js'
import { listMultipartUploads, listParts } from './multipart-lists.js'
import type { S3Operation } from './types.js'
import { getBucketVersioning, putBucketVersioning } from './versioning.js'

/** Query parameters that select a sub-resource (the rest are operation parameters). */
const SUBRESOURCES = new Set([
  'acl', 'accelerate', 'analytics', 'cors', 'delete', 'encryption', 'intelligent-tiering', 'inventory', 'lifecycle',
  'location', 'logging', 'metrics', 'notification', 'object-lock', 'ownershipControls', 'policy', 'policyStatus',
  'publicAccessBlock', 'replication', 'requestPayment', 'tagging', 'uploads', 'uploadId', 'versioning', 'versions',
  'website', 'attributes', 'legal-hold', 'retention', 'restore', 'select', 'torrent', 'partNumber',
])

type ByMethod = Partial<Record<'GET' | 'PUT' | 'DELETE' | 'POST', S3Operation>>

/** Bucket sub-resources the emulator serves, by method (others answer NotImplemented). */
const BUCKET_SUBRESOURCES = new Map<string, ByMethod>([
  ['policy', { GET: getBucketPolicy, PUT: putBucketPolicy, DELETE: deleteBucketPolicy }],
  ['location', { GET: getBucketLocation }],
  ['delete', { POST: deleteObjects }],
  ['versioning', { GET: getBucketVersioning, PUT: putBucketVersioning }],
  ['versions', { GET: listObjectVersions }],
  ['tagging', { GET: getBucketTagging, PUT: putBucketTagging, DELETE: deleteBucketTagging }],
  ['publicAccessBlock', { GET: getPublicAccessBlock, PUT: putPublicAccessBlock, DELETE: deletePublicAccessBlock }],
  ['policyStatus', { GET: getBucketPolicyStatus }],
  ['ownershipControls', { GET: getBucketOwnershipControls, PUT: putBucketOwnershipControls, DELETE: deleteBucketOwnershipControls }],
  ['acl', { GET: getBucketAcl, PUT: putBucketAcl }],
  ['encryption', { GET: getBucketEncryption, PUT: putBucketEncryption, DELETE: deleteBucketEncryption }],
  ['cors', { GET: getBucketCors, PUT: putBucketCors, DELETE: deleteBucketCors }],
  ['uploads', { GET: listMultipartUploads }],
])

/** Object sub-resources the emulator serves, by method. */
const OBJECT_SUBRESOURCES = new Map<string, ByMethod>([
  ['tagging', { GET: getObjectTagging, PUT: putObjectTagging, DELETE: deleteObjectTagging }],
  ['acl', { GET: getObjectAcl, PUT: putObjectAcl }],
])

function fromTable(table: Map<string, ByMethod>, sub: string[], method: string): S3Operation {
  if (sub.length > 1) throw s3Errors.notImplemented()
  const ops = table.get(sub[0]!)
  if (!ops) throw s3Errors.notImplemented()
  const op = ops[method as keyof ByMethod]
  return op ?? notAllowed(method)
}

/**
 * Every operation `selectS3Operation` can choose (CopyObject is chosen through PutObject's
 * `x-amz-copy-source` header): the emulator's published S3 coverage, the sub-resource tables
 * included. Keep it with the router; test/emulator-served-operations.test.ts probes the router
 * with each SDK operation's HTTP binding and fails when the two disagree.
 */
export const routedS3Operations: readonly S3Operation[] = [
  listBuckets, createBucket, deleteBucket, headBucket,
  listObjects, listObjectsV2,
  putObject, copyObject, getObject, headObject, deleteObject,
  createMultipartUpload, uploadPart, completeMultipartUpload, abortMultipartUpload, listParts,
  ...[BUCKET_SUBRESOURCES, OBJECT_SUBRESOURCES].flatMap((table) => [...table.values()].flatMap((byMethod) => Object.values(byMethod))),
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
    if (sub.length > 0) return fromTable(BUCKET_SUBRESOURCES, sub, method)
    switch (method) {
      case 'GET':
        return query.some(([k, v]) => k === 'list-type' && v === '2') ? listObjectsV2 : listObjects
      case 'PUT':
        return createBucket
      case 'HEAD':
        return headBucket
      case 'DELETE':
        return deleteBucket
      default:
        return notAllowed(method)
    }
  }
  if (has('uploads') && method === 'POST') return createMultipartUpload
  if (has('uploadId')) {
    if (method === 'PUT' && has('partNumber')) return uploadPart
    if (method === 'POST') return completeMultipartUpload
    if (method === 'DELETE') return abortMultipartUpload
    if (method === 'GET') return listParts
    throw s3Errors.notImplemented()
  }
  if (sub.length > 0) return fromTable(OBJECT_SUBRESOURCES, sub, method)
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
