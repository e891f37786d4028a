import type { ActionDefinition } from '../define-action.js'
import { copyObject } from './copy-object.js'
import { createBucket } from './create-bucket.js'
import { deleteBucketPolicy } from './delete-bucket-policy.js'
import { deleteBucket } from './delete-bucket.js'
import { deleteObject } from './delete-object.js'
import { deletePublicAccessBlock } from './delete-public-access-block.js'
import { getBucketPolicy } from './get-bucket-policy.js'
import { getBucketVersioning } from './get-bucket-versioning.js'
import { getObjectTagging } from './get-object-tagging.js'
import { getObject } from './get-object.js'
import { getPublicAccessBlock } from './get-public-access-block.js'
import { headBucket } from './head-bucket.js'
import { headObject } from './head-object.js'
import { listBuckets } from './list-buckets.js'
import { listObjectVersions } from './list-object-versions.js'
import { listObjectsV2 } from './list-objects-v2.js'
import { putBucketPolicy } from './put-bucket-policy.js'
import { putBucketVersioning } from './put-bucket-versioning.js'
import { putObjectTagging } from './put-object-tagging.js'
import { putObject } from './put-object.js'
import { putPublicAccessBlock } from './put-public-access-block.js'

/** Every checked S3 action, in name order. */
export const s3Actions: ActionDefinition[] = [
  copyObject,
  createBucket,
  deleteBucket,
  deleteBucketPolicy,
  deleteObject,
  deletePublicAccessBlock,
  getBucketPolicy,
  getBucketVersioning,
  getObject,
  getObjectTagging,
  getPublicAccessBlock,
  headBucket,
  headObject,
  listBuckets,
  listObjectVersions,
  listObjectsV2,
  putBucketPolicy,
  putBucketVersioning,
  putObject,
  putObjectTagging,
  putPublicAccessBlock,
]
