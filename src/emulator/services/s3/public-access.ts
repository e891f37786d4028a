import { arns } from '../../arn.js'
import { s3Xml } from '../../protocols/rest-xml.js'
import type { BucketEntity } from '../../state/model.js'
import { AwsServiceError } from '../types.js'
import { requireBucket } from './buckets.js'
import { s3Errors } from './errors.js'
import { XML, type S3Operation } from './types.js'
import { parseXmlBody } from './xml-input.js'

/**
 * Block Public Access at bucket level (S3 User Guide, "Blocking public access to your Amazon S3
 * storage"). Since April 2023 a new bucket has all four settings on (S3 User Guide, "Default
 * settings for new S3 buckets FAQ").
 */
export interface PublicAccessBlock {
  BlockPublicAcls: boolean
  IgnorePublicAcls: boolean
  BlockPublicPolicy: boolean
  RestrictPublicBuckets: boolean
}

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const

/** What CreateBucket sets (all four on). */
export function defaultPublicAccessBlock(): PublicAccessBlock {
  return { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }
}

/**
 * Condition keys that make a wildcard-principal statement non-public when compared to fixed
 * values (S3 User Guide, "The meaning of 'public'").
 */
const FIXING_KEYS = new Set(
  [
    'aws:SourceIp', 'aws:SourceArn', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:SourceOwner', 'aws:SourceAccount',
    'aws:userid', 'aws:PrincipalOrgID', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgPaths',
    's3:x-amz-server-side-encryption-aws-kms-key-id', 's3:DataAccessPointArn', 's3:DataAccessPointAccount',
  ].map((k) => k.toLowerCase()),
)

function isWildcardPrincipal(p: unknown): boolean {
  const star = (v: unknown) => v === '*' || (Array.isArray(v) && v.includes('*'))
  if (star(p)) return true
  return typeof p === 'object' && p !== null && !Array.isArray(p) && Object.hasOwn(p, 'AWS') && star((p as Record<string, unknown>).AWS)
}

/** A condition block that pins the statement to fixed values of a fixing key. */
function isFixed(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) return false
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    // Negated and IfExists operators do not pin anything down.
    if (/Not|IfExists$/.test(operator) || typeof block !== 'object' || block === null) continue
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      if (!FIXING_KEYS.has(key.toLowerCase())) continue
      const values = (Array.isArray(raw) ? raw : [raw]).map(String)
      const fixed = values.every((v) => {
        if (key.toLowerCase() === 'aws:sourceip') {
          const m = /\/(\d+)$/.exec(v)
          return m === null || Number(m[1]) >= (v.includes(':') ? 32 : 8)
        }
        return !v.includes('*') && !v.includes('?')
      })
      if (fixed) return true
    }
  }
  return false
}

function statementsOf(text: string): Array<Record<string, unknown>> {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown }
    const list = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement !== undefined ? [doc.Statement] : []
    return list.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !Array.isArray(s))
  } catch {
    return []
  }
}

function isPublicStatement(s: Record<string, unknown>): boolean {
  if (s.Effect !== 'Allow') return false
  const open = Object.hasOwn(s, 'NotPrincipal') || isWildcardPrincipal(s.Principal)
  return open && !isFixed(s.Condition)
}

/** Is a bucket policy "public" in S3's sense (an Allow to everyone not pinned by a fixing condition)? */
export function isPublicPolicy(text: string): boolean {
  return statementsOf(text).some(isPublicStatement)
}

/**
 * The bucket policy as RestrictPublicBuckets leaves it for an anonymous or cross-account caller:
 * when the policy is public, none of its Allow statements apply to them ("public and
 * cross-account access within any public bucket policy, including non-public delegation to
 * specific accounts, is blocked"); its Deny statements still do.
 */
export function effectiveBucketPolicy(bucket: BucketEntity, callerAccount: string | undefined): string | undefined {
  const policy = bucket.policy
  if (policy === undefined || !bucket.publicAccessBlock?.RestrictPublicBuckets) return policy
  if (callerAccount === bucket.accountId || !isPublicPolicy(policy)) return policy
  const doc = JSON.parse(policy) as Record<string, unknown>
  const denies = statementsOf(policy).filter((s) => s.Effect !== 'Allow')
  return JSON.stringify({ ...doc, Statement: denies })
}

/** PutBucketPolicy under BlockPublicPolicy: AccessDenied with S3's reason (as public reports quote it). */
export function refusePublicPolicy(bucket: BucketEntity, text: string, callerArn: string): void {
  if (!bucket.publicAccessBlock?.BlockPublicPolicy || !isPublicPolicy(text)) return
  throw new AwsServiceError(
    'AccessDenied',
    403,
    `User: ${callerArn} is not authorized to perform: s3:PutBucketPolicy on resource: "${arns.bucket(bucket.name)}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
  )
}

function parseConfiguration(body: Uint8Array): PublicAccessBlock {
  const doc = parseXmlBody(body).PublicAccessBlockConfiguration as Record<string, unknown> | undefined
  if (doc === undefined || typeof doc !== 'object' || doc === null) throw s3Errors.malformedXml()
  const out = defaultPublicAccessBlock()
  for (const flag of FLAGS) {
    const v = Object.hasOwn(doc, flag) ? doc[flag] : 'false'
    if (v !== 'true' && v !== 'false') throw s3Errors.malformedXml()
    out[flag] = v === 'true'
  }
  return out
}

export const putPublicAccessBlock: S3Operation = {
  name: 'PutPublicAccessBlock',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketPublicAccessBlock', arns.bucket(bucket.name), { bucket })
    bucket.publicAccessBlock = parseConfiguration(ctx.body)
    return { status: 200, headers: { 'content-length': '0' } }
  },
}

export const getPublicAccessBlock: S3Operation = {
  name: 'GetPublicAccessBlock',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetBucketPublicAccessBlock', arns.bucket(bucket.name), { bucket })
    const pab = bucket.publicAccessBlock
    if (!pab) {
      throw new AwsServiceError('NoSuchPublicAccessBlockConfiguration', 404, 'The public access block configuration was not found', { BucketName: bucket.name })
    }
    const body: Record<string, unknown> = {}
    for (const flag of FLAGS) body[flag] = pab[flag]
    return { status: 200, headers: XML, body: s3Xml('PublicAccessBlockConfiguration', body) }
  },
}

/** DeletePublicAccessBlock is authorized as s3:PutBucketPublicAccessBlock (botocore doc). */
export const deletePublicAccessBlock: S3Operation = {
  name: 'DeletePublicAccessBlock',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketPublicAccessBlock', arns.bucket(bucket.name), { bucket })
    delete bucket.publicAccessBlock
    return { status: 204 }
  },
}

/** GetBucketPolicyStatus: whether the bucket policy is public. */
export const getBucketPolicyStatus: S3Operation = {
  name: 'GetBucketPolicyStatus',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetBucketPolicyStatus', arns.bucket(bucket.name), { bucket })
    if (bucket.policy === undefined) throw s3Errors.noSuchBucketPolicy(bucket.name)
    return { status: 200, headers: XML, body: s3Xml('PolicyStatus', { IsPublic: isPublicPolicy(bucket.policy) }) }
  },
}
