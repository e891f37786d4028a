import type { AclGrant, EmulatorState, BucketEntity } from '../../state/model.js'
import { s3Errors } from './errors.js'
import type { Incoming } from '../../incoming.js'

/**
 * ACL grants and what they permit (S3 User Guide, "Access control list (ACL) overview":
 * grantees, canned ACLs, and "Mapping of ACL permissions and access policy permissions").
 * While a bucket's ACLs are enabled (Object Ownership ObjectWriter or BucketOwnerPreferred),
 * the grants of the bucket and of the object a request names take part in authorization as
 * resource-policy statements of the bucket owner ("How Amazon S3 authorizes a request": the
 * bucket policy, bucket ACL and object ACL are evaluated together): an ACL Allow can grant
 * where no policy does, an explicit Deny still wins, and an IAM user still needs its own
 * account's permission when the grant is to another account. IgnorePublicAcls drops grants to
 * AllUsers and AuthenticatedUsers. The object owner is taken to be the bucket owner.
 */

export type { AclGrant }
export type AclPermission = AclGrant['permission']

export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers'
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers'
const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery'
const GROUPS = new Set([ALL_USERS, AUTHENTICATED_USERS, LOG_DELIVERY])

/** An ACL holds at most 100 grants (S3 User Guide, ACL overview). */
export const MAX_GRANTS = 100

const HEADER_PERMISSIONS: Array<[string, AclPermission]> = [
  ['x-amz-grant-read', 'READ'],
  ['x-amz-grant-write', 'WRITE'],
  ['x-amz-grant-read-acp', 'READ_ACP'],
  ['x-amz-grant-write-acp', 'WRITE_ACP'],
  ['x-amz-grant-full-control', 'FULL_CONTROL'],
]

/** Is a grant to everyone or to every authenticated AWS account? */
export const isPublicGrant = (g: AclGrant): boolean => g.uri === ALL_USERS || g.uri === AUTHENTICATED_USERS

/** The account whose canonical user id is `id`, if any. */
function accountOfCanonical(state: EmulatorState, id: string): string | undefined {
  for (const account of state.accounts.values()) if (account.canonicalUserId === id) return account.id
  return undefined
}

/**
 * The grants of `x-amz-grant-*` headers (`id="..."`, `uri="..."`, comma-separated), or
 * undefined when there are none. A canonical id that is no account's is `Invalid id`.
 */
export function headerGrants(inc: Incoming, state: EmulatorState): AclGrant[] | undefined {
  const grants: AclGrant[] = []
  let any = false
  for (const [name, permission] of HEADER_PERMISSIONS) {
    const value = inc.headers.get(name)
    if (value === null) continue
    any = true
    for (const part of value.split(',')) {
      if (grants.length >= MAX_GRANTS) throw s3Errors.invalidRequest(`An ACL may have at most ${MAX_GRANTS} grants`)
      const m = /^\s*(id|uri|emailAddress)\s*=\s*"?([^"]*)"?\s*$/i.exec(part)
      if (!m) throw s3Errors.invalidArgument('Invalid grant header', name, value.slice(0, 256))
      const kind = m[1]!.toLowerCase()
      const v = m[2]!
      if (kind === 'id') {
        if (accountOfCanonical(state, v) === undefined) throw s3Errors.invalidArgument('Invalid id', 'CanonicalUser/ID', v.slice(0, 256))
        grants.push({ id: v, permission })
      } else if (kind === 'uri') {
        if (!GROUPS.has(v)) throw s3Errors.invalidArgument('Invalid group uri', 'Group/URI', v.slice(0, 256))
        grants.push({ uri: v, permission })
      } else {
        // Email grantees resolve only in a few Regions (S3 User Guide); the emulator has no emails.
        throw s3Errors.invalidArgument('Invalid id', 'CanonicalUser/ID', v.slice(0, 256))
      }
    }
  }
  return any ? grants : undefined
}

/**
 * The grants a resource has: its explicit grants, or those its canned ACL stands for (the
 * owner's FULL_CONTROL first; bucket-owner-* name the bucket owner, on objects).
 */
export function grantsOf(entity: { acl?: string; aclGrants?: AclGrant[] }, ownerId: string, bucketOwnerId: string): AclGrant[] {
  if (entity.aclGrants) return entity.aclGrants
  const grants: AclGrant[] = [{ id: ownerId, permission: 'FULL_CONTROL' }]
  switch (entity.acl) {
    case 'public-read':
      grants.push({ uri: ALL_USERS, permission: 'READ' })
      break
    case 'public-read-write':
      grants.push({ uri: ALL_USERS, permission: 'READ' }, { uri: ALL_USERS, permission: 'WRITE' })
      break
    case 'authenticated-read':
      grants.push({ uri: AUTHENTICATED_USERS, permission: 'READ' })
      break
    case 'bucket-owner-read':
      if (bucketOwnerId !== ownerId) grants.push({ id: bucketOwnerId, permission: 'READ' })
      break
    case 'bucket-owner-full-control':
      if (bucketOwnerId !== ownerId) grants.push({ id: bucketOwnerId, permission: 'FULL_CONTROL' })
      break
    default:
      break
  }
  return grants
}

// "Mapping of ACL permissions and access policy permissions" (S3 User Guide).
const BUCKET_ACTIONS: Record<Exclude<AclPermission, 'FULL_CONTROL'>, string[]> = {
  READ: ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'],
  WRITE: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
  READ_ACP: ['s3:GetBucketAcl'],
  WRITE_ACP: ['s3:PutBucketAcl'],
}
const OBJECT_ACTIONS: Record<Exclude<AclPermission, 'FULL_CONTROL'>, string[]> = {
  READ: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTorrent'],
  WRITE: [],
  READ_ACP: ['s3:GetObjectAcl', 's3:GetObjectVersionAcl'],
  WRITE_ACP: ['s3:PutObjectAcl', 's3:PutObjectVersionAcl'],
}

function actionsFor(table: typeof BUCKET_ACTIONS, permission: AclPermission): string[] {
  if (permission === 'FULL_CONTROL') return [...table.READ, ...table.WRITE, ...table.READ_ACP, ...table.WRITE_ACP]
  return table[permission]
}

type Statement = Record<string, unknown>

function principalOf(state: EmulatorState, g: AclGrant): { Principal: unknown; Condition?: unknown } | undefined {
  if (g.uri === ALL_USERS) return { Principal: '*' }
  // Every authenticated AWS account: anonymous requests have no aws:PrincipalAccount.
  if (g.uri === AUTHENTICATED_USERS) return { Principal: { AWS: '*' }, Condition: { Null: { 'aws:PrincipalAccount': 'false' } } }
  if (g.id !== undefined) {
    const account = accountOfCanonical(state, g.id)
    return account === undefined ? undefined : { Principal: { AWS: `arn:aws:iam::${account}:root` } }
  }
  return undefined
}

function statements(state: EmulatorState, grants: AclGrant[], table: typeof BUCKET_ACTIONS, resource: string, sid: string, ignorePublic: boolean): Statement[] {
  const out: Statement[] = []
  for (const g of grants) {
    if (ignorePublic && isPublicGrant(g)) continue
    const who = principalOf(state, g)
    const actions = actionsFor(table, g.permission)
    if (!who || actions.length === 0) continue
    out.push({ Sid: `${sid}${out.length + 1}`, Effect: 'Allow', ...who, Action: actions, Resource: resource })
  }
  return out
}

/**
 * The statements the ACLs of `bucket` (and of the object `resource` names, if it is a current
 * object) amount to for a request on `resource`; none while ACLs are disabled.
 */
export function aclStatements(state: EmulatorState, bucket: BucketEntity, resource: string): Statement[] {
  if (bucket.ownership === 'BucketOwnerEnforced') return []
  const ownerId = state.accounts.get(bucket.accountId)?.canonicalUserId ?? ''
  const ignorePublic = bucket.publicAccessBlock?.IgnorePublicAcls === true
  const bucketArn = `arn:aws:s3:::${bucket.name}`
  const bucketGrants = grantsOf(bucket, ownerId, ownerId)
  const out = [
    ...statements(state, bucketGrants.filter((g) => g.permission !== 'WRITE' && g.permission !== 'FULL_CONTROL'), BUCKET_ACTIONS, bucketArn, 'BucketAcl', ignorePublic),
    // WRITE on a bucket is about the objects in it.
    ...statements(state, bucketGrants.filter((g) => g.permission === 'WRITE' || g.permission === 'FULL_CONTROL'), BUCKET_ACTIONS, `${bucketArn}/*`, 'BucketAclWrite', ignorePublic),
  ]
  if (bucketGrants.some((g) => g.permission === 'FULL_CONTROL')) {
    out.push(...statements(state, bucketGrants.filter((g) => g.permission === 'FULL_CONTROL'), BUCKET_ACTIONS, bucketArn, 'BucketAclFull', ignorePublic))
  }
  const prefix = `${bucketArn}/`
  if (resource.startsWith(prefix)) {
    const obj = bucket.objects.get(resource.slice(prefix.length))
    if (obj) out.push(...statements(state, grantsOf(obj, ownerId, ownerId), OBJECT_ACTIONS, resource, 'ObjectAcl', ignorePublic))
  }
  return out
}

/** A bucket policy's text with `extra` statements added (a new document when there is none). */
export function withStatements(policy: string | undefined, extra: Statement[]): string | undefined {
  if (extra.length === 0) return policy
  if (policy === undefined) return JSON.stringify({ Version: '2012-10-17', Statement: extra })
  const doc = JSON.parse(policy) as Record<string, unknown>
  const list = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement !== undefined ? [doc.Statement] : []
  return JSON.stringify({ ...doc, Statement: [...list, ...extra] })
}
