import type { CreateBucketCommandInput, CreateBucketCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import { outputSchema, str } from '../schema.js'
import { undoCall } from '../outcome.js'
import * as f from './fields.js'

/**
 * `s3.createBucket`: create a bucket.
 * Undone by `s3.deleteBucket`.
 * The undo runs after the objects put in it are deleted (reverse order), as DeleteBucket needs an empty bucket.
 */
export const createBucket = defineAction<CreateBucketCommandInput, CreateBucketCommandOutput>({
  name: 's3.createBucket',
  service: 's3',
  command: 'CreateBucketCommand',
  description: 'Create a bucket.',
  input: modelInput('s3', 'CreateBucket', {
    describe: {
      ACL: 'The canned ACL to apply to the bucket.',
      CreateBucketConfiguration: 'The configuration information for the bucket.',
      'CreateBucketConfiguration.LocationConstraint': 'Specifies the Region where the bucket will be created.',
      'CreateBucketConfiguration.Location': 'Specifies the location where the bucket will be created.',
      'CreateBucketConfiguration.Location.Type': 'The type of location where the bucket will be created.',
      'CreateBucketConfiguration.Location.Name': 'The name of the location where the bucket will be created.',
      'CreateBucketConfiguration.Bucket': 'Specifies the information about the bucket that will be created.',
      'CreateBucketConfiguration.Bucket.DataRedundancy': 'The number of Zone (Availability Zone or Local Zone) that\'s used for redundancy for the bucket.',
      'CreateBucketConfiguration.Bucket.Type': 'The type of bucket.',
      'CreateBucketConfiguration.Tags': 'An array of tags that you can apply to the bucket that you\'re creating.',
      'CreateBucketConfiguration.Tags.Key': 'Name of the object key.',
      'CreateBucketConfiguration.Tags.Value': 'Value of the tag.',
      GrantFullControl: 'Allows grantee the read, write, read ACP, and write ACP permissions on the bucket.',
      GrantRead: 'Allows grantee to list the objects in the bucket.',
      GrantReadACP: 'Allows grantee to read the bucket ACL.',
      GrantWrite: 'Allows grantee to create new objects in the bucket.',
      GrantWriteACP: 'Allows grantee to write the ACL for the applicable bucket.',
      ObjectLockEnabledForBucket: 'Specifies whether you want S3 Object Lock to be enabled for the new bucket.',
      ObjectOwnership: 'ObjectOwnership',
      BucketNamespace: 'Specifies the namespace where you want to create your general purpose bucket.',
    },
    override: {
      Bucket: f.newBucket,
    },
  }),
  output: outputSchema({
    Location: str,
    BucketArn: str,
  }),
  creates: true,
  createsName: { member: 'Bucket', kind: 'bucket' },
  changes: [],
  run: async (ctx, input) => {
    return ctx.clients.call('s3', 'CreateBucket', input, ctx.signal)
  },
  recover: 'from-input',
  dependents: {
    undo: 's3.deleteBucket',
    // S3 refuses to delete a bucket that holds objects.
    remove: async ({ Bucket }, { calls }) => {
      let ContinuationToken: string | undefined
      do {
        const page = (await calls.read('s3.listObjectsV2', { Bucket, ...(ContinuationToken ? { ContinuationToken } : {}) })) as {
          Contents?: Array<{ Key?: string }>
          NextContinuationToken?: string
          IsTruncated?: boolean
        }
        for (const o of page.Contents ?? []) await calls.remove('s3.deleteObject', { Bucket, Key: o.Key }, 'delete object')
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (ContinuationToken)
      // A versioned bucket keeps noncurrent versions and delete markers: DeleteBucket needs them gone too.
      let KeyMarker: string | undefined
      let VersionIdMarker: string | undefined
      do {
        const page = (await calls.read('s3.listObjectVersions', { Bucket, ...(KeyMarker ? { KeyMarker } : {}), ...(VersionIdMarker ? { VersionIdMarker } : {}) })) as {
          Versions?: Array<{ Key?: string; VersionId?: string }>
          DeleteMarkers?: Array<{ Key?: string; VersionId?: string }>
          NextKeyMarker?: string
          NextVersionIdMarker?: string
          IsTruncated?: boolean
        }
        for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
          await calls.remove('s3.deleteObject', { Bucket, Key: v.Key, VersionId: v.VersionId }, 'delete object version')
        }
        KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined
        VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined
      } while (KeyMarker)
      return 'retry'
    },
  },
  // The run's tags go on IAM resources only (cleanup --by-tag sweeps users, roles and policies).
  taggable: false,
  undoActions: ['s3.deleteBucket'],
  undo: (input) => undoCall('s3.deleteBucket', { Bucket: input.Bucket }),
})
