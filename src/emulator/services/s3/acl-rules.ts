import type { BucketEntity } from '../../state/model.js'
import { AwsServiceError } from '../types.js'
import type { S3Context } from './context.js'
import { s3Errors } from './errors.js'
import { headerGrants, isPublicGrant, type AclGrant } from './acl-grants.js'

/** Canned ACLs and what a bucket's Object Ownership and Block Public Access allow of them (see ownership.ts). */
export const CANNED_ACLS = new Set(['private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'bucket-owner-full-control', 'log-delivery-write'])
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read'])
export const OWNERSHIPS = new Set(['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'])

export const aclErrors = {
  notSupported: () => new AwsServiceError('AccessControlListNotSupported', 400, 'The bucket does not allow ACLs'),
  bucketAclWithEnforced: () =>
    new AwsServiceError('InvalidBucketAclWithObjectOwnership', 400, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting."),
  invalidAcl: (value: string) => s3Errors.invalidArgument('', 'x-amz-acl', value),
}

/** The `x-amz-acl` of a request (validated), or undefined; any `x-amz-grant-*` header counts as an ACL too. */
export function requestedAcl(ctx: S3Context): string | undefined {
  const acl = ctx.inc.headers.get('x-amz-acl')
  if (acl !== null && !CANNED_ACLS.has(acl)) throw aclErrors.invalidAcl(acl)
  let grants = false
  ctx.inc.headers.forEach((_v, name) => {
    if (name.startsWith('x-amz-grant-')) grants = true
  })
  if (grants && acl === null) return 'grants'
  return acl ?? undefined
}

/**
 * Check an ACL a write asks for against the bucket: BucketOwnerEnforced takes only
 * bucket-owner-full-control (botocore PutObject doc: "If the bucket that you're uploading objects
 * to uses the bucket owner enforced setting ... requests to set ACLs or update ACLs fail and
 * return the AccessControlListNotSupported error code. Requests to read ACLs are still
 * supported."); BlockPublicAcls refuses public canned ACLs with AccessDenied. Returns the
 * `s3:x-amz-acl` condition context.
 */
export function checkWriteAcl(bucket: BucketEntity, acl: string | undefined, grants?: AclGrant[]): Record<string, string> {
  if (acl === undefined) return {}
  if (bucket.ownership === 'BucketOwnerEnforced' && acl !== 'bucket-owner-full-control') throw aclErrors.notSupported()
  // BlockPublicAcls: "PUT Bucket acl and PUT Object acl calls fail if the specified ACL is public" (S3 User Guide).
  if (bucket.publicAccessBlock?.BlockPublicAcls && (PUBLIC_ACLS.has(acl) || (grants ?? []).some(isPublicGrant))) throw s3Errors.accessDenied()
  return acl === 'grants' ? {} : { 's3:x-amz-acl': acl }
}

/** The grants of a request's `x-amz-grant-*` headers; refused together with `x-amz-acl`. */
export function requestGrants(ctx: S3Context): AclGrant[] | undefined {
  const grants = headerGrants(ctx.inc, ctx.rt.state)
  if (grants && ctx.inc.headers.get('x-amz-acl') !== null) throw s3Errors.invalidRequest('Specifying both Canned ACLs and Header Grants is not allowed')
  return grants
}

