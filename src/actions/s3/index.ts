import type { ActionDefinition } from '../define-action.js'
import { copyObject } from './copy-object.js'
import { createBucket } from './create-bucket.js'
import { deleteBucket } from './delete-bucket.js'
import { deleteBucketPolicy } from './delete-bucket-policy.js'
import { deleteObject } from './delete-object.js'
import { getBucketPolicy } from './get-bucket-policy.js'
import { getObject } from './get-object.js'
import { headBucket } from './head-bucket.js'
import { headObject } from './head-object.js'
import { listBuckets } from './list-buckets.js'
import { listObjectsV2 } from './list-objects-v2.js'
import { putBucketPolicy } from './put-bucket-policy.js'
import { putObject } from './put-object.js'

/** Every checked S3 action, in name order. */
export const s3Actions: ActionDefinition[] = [
  copyObject,
  createBucket,
  deleteBucket,
  deleteBucketPolicy,
  deleteObject,
  getBucketPolicy,
  getObject,
  headBucket,
  headObject,
  listBuckets,
  listObjectsV2,
  putBucketPolicy,
  putObject,
]
