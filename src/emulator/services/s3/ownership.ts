import { arns } from '../../arn.js'
import { s3Xml } from '../../protocols/rest-xml.js'
import type { BucketEntity, ObjectEntity } from '../../state/model.js'
import { AwsServiceError } from '../types.js'
import { requireBucket } from './buckets.js'
import type { S3Context } from './context.js'
import { s3Errors } from './errors.js'
import { XML, type S3Operation } from './types.js'
import { OWNERSHIPS, aclErrors, checkWriteAcl, requestGrants, requestedAcl } from './acl-rules.js'
import { grantsOf, type AclGrant } from './acl-grants.js'
import { parseXmlBody } from './xml-input.js'

/**
 * Object Ownership and canned ACLs (S3 User Guide, "Controlling ownership of objects and
 * disabling ACLs"). New buckets are BucketOwnerEnforced (AWS's default since April 2023): ACLs
 * are disabled, and a request that sets an ACL other than bucket-owner-full-control fails.
 * Canned ACLs (`x-amz-acl`) and `x-amz-grant-*` headers are modelled; while ACLs are enabled
 * their grants take part in authorization (acl-grants.ts).
 */
function ownershipOf(body: Uint8Array): BucketEntity['ownership'] {
  const doc = parseXmlBody(body).OwnershipControls as Record<string, unknown> | undefined
  const rule = doc && typeof doc === 'object' ? (doc.Rule as Record<string, unknown> | undefined) : undefined
  const value = rule && typeof rule === 'object' && !Array.isArray(rule) ? rule.ObjectOwnership : undefined
  if (typeof value !== 'string' || !OWNERSHIPS.has(value)) throw s3Errors.malformedXml()
  return value as BucketEntity['ownership']
}

export const putBucketOwnershipControls: S3Operation = {
  name: 'PutBucketOwnershipControls',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketOwnershipControls', arns.bucket(bucket.name), { bucket })
    const ownership = ownershipOf(ctx.body)
    if (ownership === 'BucketOwnerEnforced' && bucket.acl !== undefined && bucket.acl !== 'private' && bucket.acl !== 'bucket-owner-full-control') {
      throw aclErrors.bucketAclWithEnforced()
    }
    bucket.ownership = ownership
    return { status: 200, headers: { 'content-length': '0' } }
  },
}

export const getBucketOwnershipControls: S3Operation = {
  name: 'GetBucketOwnershipControls',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetBucketOwnershipControls', arns.bucket(bucket.name), { bucket })
    if (!bucket.ownership) throw new AwsServiceError('OwnershipControlsNotFoundError', 404, 'The bucket ownership controls were not found', { BucketName: bucket.name })
    return { status: 200, headers: XML, body: s3Xml('OwnershipControls', { Rule: { ObjectOwnership: bucket.ownership } }) }
  },
}

/** DeleteBucketOwnershipControls is authorized as s3:PutBucketOwnershipControls (botocore doc). */
export const deleteBucketOwnershipControls: S3Operation = {
  name: 'DeleteBucketOwnershipControls',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketOwnershipControls', arns.bucket(bucket.name), { bucket })
    delete bucket.ownership
    return { status: 204 }
  },
}

/** The AccessControlPolicy of a resource's grants (acl-grants.ts). */
function aclXml(owner: { ID: string; DisplayName: string }, grants: AclGrant[]): string {
  const xsi = { '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' }
  const grantee = (g: AclGrant) =>
    g.uri !== undefined
      ? { ...xsi, '@_xsi:type': 'Group', URI: g.uri }
      : { ...xsi, '@_xsi:type': 'CanonicalUser', ID: g.id, ...(g.id === owner.ID ? { DisplayName: owner.DisplayName } : {}) }
  return s3Xml('AccessControlPolicy', { Owner: owner, AccessControlList: { Grant: grants.map((g) => ({ Grantee: grantee(g), Permission: g.permission })) } })
}

function ownerOf(ctx: S3Context, bucket: BucketEntity): { ID: string; DisplayName: string } {
  const account = ctx.rt.state.accounts.get(bucket.accountId)
  return { ID: account?.canonicalUserId ?? '', DisplayName: `iamflow-${bucket.accountId}` }
}

export const getBucketAcl: S3Operation = {
  name: 'GetBucketAcl',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetBucketAcl', arns.bucket(bucket.name), { bucket })
    return { status: 200, headers: XML, body: aclXml(ownerOf(ctx, bucket), grantsOf(bucket, ownerOf(ctx, bucket).ID, ownerOf(ctx, bucket).ID)) }
  },
}

export const putBucketAcl: S3Operation = {
  name: 'PutBucketAcl',
  run(ctx) {
    const bucket = requireBucket(ctx)
    const acl = requestedAcl(ctx)
    const grants = requestGrants(ctx)
    const context = checkWriteAcl(bucket, acl, grants)
    ctx.authorize('s3:PutBucketAcl', arns.bucket(bucket.name), { bucket, context })
    if (acl === undefined) throw new AwsServiceError('NotImplemented', 501, 'iamflow emulates canned ACLs (x-amz-acl) and x-amz-grant-* headers: AccessControlPolicy bodies are not emulated')
    setAcl(bucket, acl, grants)
    return { status: 200, headers: { 'content-length': '0' } }
  },
}

/** Store a canned ACL or explicit grants (each replaces the other). */
function setAcl(target: { acl?: string; aclGrants?: AclGrant[] }, acl: string, grants: AclGrant[] | undefined): void {
  delete target.acl
  delete target.aclGrants
  if (grants) target.aclGrants = grants
  else if (acl !== 'private') target.acl = acl
}

/** The object an ACL request names (current version only). */
function aclObject(ctx: S3Context, bucket: BucketEntity): ObjectEntity {
  const obj = bucket.objects.get(ctx.key!)
  if (!obj) throw s3Errors.noSuchKey(ctx.key!)
  return obj
}

export const getObjectAcl: S3Operation = {
  name: 'GetObjectAcl',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetObjectAcl', arns.object(bucket.name, ctx.key!), { bucket })
    const obj = aclObject(ctx, bucket)
    return { status: 200, headers: XML, body: aclXml(ownerOf(ctx, bucket), grantsOf(obj, ownerOf(ctx, bucket).ID, ownerOf(ctx, bucket).ID)) }
  },
}

export const putObjectAcl: S3Operation = {
  name: 'PutObjectAcl',
  run(ctx) {
    const bucket = requireBucket(ctx)
    const acl = requestedAcl(ctx)
    const grants = requestGrants(ctx)
    const context = checkWriteAcl(bucket, acl, grants)
    ctx.authorize('s3:PutObjectAcl', arns.object(bucket.name, ctx.key!), { bucket, context })
    const obj = aclObject(ctx, bucket)
    if (acl === undefined) throw new AwsServiceError('NotImplemented', 501, 'iamflow emulates canned ACLs (x-amz-acl) and x-amz-grant-* headers: AccessControlPolicy bodies are not emulated')
    setAcl(obj, acl, grants)
    bucket.objects.set(obj.key, obj)
    return { status: 200, headers: { 'content-length': '0' } }
  },
}
