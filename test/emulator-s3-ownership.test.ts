/**
 * Object Ownership and canned ACLs (issue 15 item 3) through SDK v3. New buckets are
 * BucketOwnerEnforced (S3 User Guide, "Controlling ownership of objects and disabling ACLs";
 * error texts from the S3 API Reference "Error responses" list).
 */
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import {
  CreateBucketCommand,
  DeleteBucketOwnershipControlsCommand,
  GetBucketAclCommand,
  GetBucketOwnershipControlsCommand,
  GetObjectAclCommand,
  PutBucketOwnershipControlsCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure } from './emulator-helpers.js'

describe('Object Ownership and ACLs (in memory, SDK v3)', () => {
  it('BucketOwnerEnforced by default: ACLs refused, reading ACLs works', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root)
    await s3.send(new CreateBucketCommand({ Bucket: 'own-bucket' }))
    expect((await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'own-bucket' }))).OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] })
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'own-bucket', Key: 'k', Body: 'x', ACL: 'public-read' })))).toEqual({
      name: 'AccessControlListNotSupported',
      message: 'The bucket does not allow ACLs',
      status: 400,
    })
    await s3.send(new PutObjectCommand({ Bucket: 'own-bucket', Key: 'k', Body: 'x', ACL: 'bucket-owner-full-control' }))
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: 'own-bucket', Key: 'k' }))
    expect(acl.Grants).toHaveLength(1)
    expect(acl.Grants![0]!.Permission).toBe('FULL_CONTROL')
    expect(acl.Grants![0]!.Grantee!.Type).toBe('CanonicalUser')
    expect(acl.Owner!.ID).toMatch(/^[0-9a-f]{64}$/)
    expect(await failure(s3.send(new CreateBucketCommand({ Bucket: 'acl-bucket', ACL: 'public-read' })))).toEqual({
      name: 'InvalidBucketAclWithObjectOwnership',
      message: "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting.",
      status: 400,
    })
    await s3.send(new DeleteBucketOwnershipControlsCommand({ Bucket: 'own-bucket' }))
    expect(await failure(s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'own-bucket' })))).toEqual({
      name: 'OwnershipControlsNotFoundError',
      message: 'The bucket ownership controls were not found',
      status: 404,
    })
  })

  it('ACLs enabled: canned ACLs stored and reported, BlockPublicAcls, and s3:x-amz-acl conditions', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root)
    await s3.send(new CreateBucketCommand({ Bucket: 'acl-bucket', ObjectOwnership: 'ObjectWriter' }))
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'acl-bucket', Key: 'k', Body: 'x', ACL: 'public-read' })))).toEqual({
      name: 'AccessDenied',
      message: 'Access Denied',
      status: 403,
    })
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'acl-bucket', PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }))
    await s3.send(new PutObjectCommand({ Bucket: 'acl-bucket', Key: 'k', Body: 'x', ACL: 'public-read' }))
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: 'acl-bucket', Key: 'k' }))
    expect(acl.Grants!.map((g) => [g.Grantee!.Type, g.Grantee!.URI, g.Permission])).toEqual([
      ['CanonicalUser', undefined, 'FULL_CONTROL'],
      ['Group', 'http://acs.amazonaws.com/groups/global/AllUsers', 'READ'],
    ])
    await s3.send(new PutObjectAclCommand({ Bucket: 'acl-bucket', Key: 'k', ACL: 'private' }))
    expect((await s3.send(new GetObjectAclCommand({ Bucket: 'acl-bucket', Key: 'k' }))).Grants).toHaveLength(1)
    expect((await s3.send(new GetBucketAclCommand({ Bucket: 'acl-bucket' }))).Grants).toHaveLength(1)
    await s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'acl-bucket', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }))
    expect((await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'acl-bucket' }))).OwnershipControls!.Rules![0]!.ObjectOwnership).toBe('BucketOwnerPreferred')

    // A user may upload only with bucket-owner-full-control (s3:x-amz-acl), and needs s3:PutObjectAcl to set one.
    const root = clients(em, em.root)
    await root.iam.send(new CreateUserCommand({ UserName: 'uploader' }))
    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'uploader',
        PolicyName: 'p',
        PolicyDocument: doc([
          { Effect: 'Allow', Action: ['s3:PutObject', 's3:PutObjectAcl'], Resource: 'arn:aws:s3:::acl-bucket/*', Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } },
        ]),
      }),
    )
    const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'uploader' }))).AccessKey!
    const user = clients(em, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }).s3
    await user.send(new PutObjectCommand({ Bucket: 'acl-bucket', Key: 'u', Body: 'x', ACL: 'bucket-owner-full-control' }))
    expect(await failure(user.send(new PutObjectCommand({ Bucket: 'acl-bucket', Key: 'u2', Body: 'x' })))).toMatchObject({ name: 'AccessDenied', status: 403 })
    expect(await failure(user.send(new PutObjectCommand({ Bucket: 'acl-bucket', Key: 'u3', Body: 'x', ACL: 'private' })))).toMatchObject({ name: 'AccessDenied', status: 403 })
  })
})
