import type { CreateBucketCommandInput, CreateBucketCommandOutput } from '@aws-sdk/client-s3'
import { defineAction } from '../define-action.js'
import { inputSchema, outputSchema, str } from '../schema.js'
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
  input: inputSchema(
    {
      ACL: {
        type: 'string',
        enum: ['private', 'public-read', 'public-read-write', 'authenticated-read'],
        description: 'The canned ACL to apply to the bucket.',
      },
      Bucket: f.newBucket,
      CreateBucketConfiguration: {
        type: 'object',
        properties: {
          LocationConstraint: {
            type: 'string',
            enum: ['af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'cn-north-1', 'cn-northwest-1', 'EU', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-2', 'us-gov-east-1', 'us-gov-west-1', 'us-west-1', 'us-west-2'],
            description: 'Specifies the Region where the bucket will be created.',
          },
          Location: {
            type: 'object',
            properties: {
              Type: {
                type: 'string',
                enum: ['AvailabilityZone', 'LocalZone'],
                description: 'The type of location where the bucket will be created.',
              },
              Name: { type: 'string', description: 'The name of the location where the bucket will be created.' },
            },
            additionalProperties: false,
            description: 'Specifies the location where the bucket will be created.',
          },
          Bucket: {
            type: 'object',
            properties: {
              DataRedundancy: {
                type: 'string',
                enum: ['SingleAvailabilityZone', 'SingleLocalZone'],
                description: 'The number of Zone (Availability Zone or Local Zone) that\'s used for redundancy for the bucket.',
              },
              Type: { type: 'string', enum: ['Directory'], description: 'The type of bucket.' },
            },
            additionalProperties: false,
            description: 'Specifies the information about the bucket that will be created.',
          },
          Tags: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                Key: { type: 'string', minLength: 1, description: 'Name of the object key.' },
                Value: { type: 'string', description: 'Value of the tag.' },
              },
              required: ['Key', 'Value'],
              additionalProperties: false,
            },
            description: 'An array of tags that you can apply to the bucket that you\'re creating.',
          },
        },
        additionalProperties: false,
        description: 'The configuration information for the bucket.',
      },
      GrantFullControl: {
        type: 'string',
        description: 'Allows grantee the read, write, read ACP, and write ACP permissions on the bucket.',
      },
      GrantRead: { type: 'string', description: 'Allows grantee to list the objects in the bucket.' },
      GrantReadACP: { type: 'string', description: 'Allows grantee to read the bucket ACL.' },
      GrantWrite: { type: 'string', description: 'Allows grantee to create new objects in the bucket.' },
      GrantWriteACP: { type: 'string', description: 'Allows grantee to write the ACL for the applicable bucket.' },
      ObjectLockEnabledForBucket: {
        type: 'boolean',
        description: 'Specifies whether you want S3 Object Lock to be enabled for the new bucket.',
      },
      ObjectOwnership: {
        type: 'string',
        enum: ['BucketOwnerPreferred', 'ObjectWriter', 'BucketOwnerEnforced'],
        description: 'ObjectOwnership',
      },
      BucketNamespace: {
        type: 'string',
        enum: ['account-regional', 'global'],
        description: 'Specifies the namespace where you want to create your general purpose bucket.',
      },
    },
    ['Bucket'],
  ),
  output: outputSchema({
    Location: str,
    BucketArn: str,
  }),
  creates: true,
  changes: [],
  run: async (ctx, input) => {
    const { CreateBucketCommand } = await import('@aws-sdk/client-s3')
    return ctx.clients.s3.send(new CreateBucketCommand(input), { abortSignal: ctx.signal })
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
      return 'retry'
    },
  },
  // The run's tags go on IAM resources only (cleanup --by-tag sweeps users, roles and policies).
  taggable: false,
  undoActions: ['s3.deleteBucket'],
  undo: (input) => undoCall('s3.deleteBucket', { Bucket: input.Bucket }),
})
