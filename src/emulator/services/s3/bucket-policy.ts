import { referencedPrincipals } from '../../../policy/index.js'
import { arns } from '../../arn.js'
import { compileText } from '../../authz/engine.js'
import { isValidAwsPrincipal } from '../iam/principals.js'
import { requireBucket } from './buckets.js'
import { refusePublicPolicy } from './public-access.js'
import { s3Errors } from './errors.js'
import type { S3Operation } from './types.js'
import type { BucketEntity } from '../../state/model.js'

/** S3's maximum bucket policy size (20 KB). */
const MAX_POLICY_BYTES = 20 * 1024

function resourcesOf(text: string): string[] {
  const doc = JSON.parse(text) as { Statement?: unknown }
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]
  const out: string[] = []
  for (const s of list as Array<Record<string, unknown>>) {
    for (const k of ['Resource', 'NotResource']) {
      const v = s?.[k]
      if (typeof v === 'string') out.push(v)
      else if (Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === 'string'))
    }
  }
  return out
}

/** Validate a bucket policy as S3 does: grammar, resources inside this bucket, known principals. */
function validateBucketPolicy(text: string, bucket: string, isKnown: (principal: string) => boolean): void {
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) throw s3Errors.malformedPolicy('Policies must be less than 20 KB')
  const compiled = compileText(text, 'resource')
  if (!compiled.ok) throw s3Errors.malformedPolicy(compiled.error.message)
  const own = arns.bucket(bucket)
  for (const r of resourcesOf(text)) {
    if (r !== own && !r.startsWith(`${own}/`)) throw s3Errors.malformedPolicy('Policy has invalid resource')
  }
  for (const p of referencedPrincipals(text).aws) if (!isKnown(p)) throw s3Errors.malformedPolicy('Invalid principal in policy')
}

/**
 * The root user of the bucket owner's account may always get, put and delete the bucket
 * policy, even when the policy denies it (S3 API Reference, PutBucketPolicy: "the root
 * principal in the bucket owner's account can perform the GetBucketPolicy, PutBucketPolicy,
 * and DeleteBucketPolicy API actions, even if their bucket policy explicitly denies the root
 * principal's access"), so a lab cannot lock its own teardown out.
 */
function authorizePolicyCall(ctx: Parameters<S3Operation['run']>[0], action: string, bucket: BucketEntity): void {
  if (ctx.caller?.principal.arn === arns.root(bucket.accountId)) return
  ctx.authorize(action, arns.bucket(bucket.name), { bucket })
}

export const putBucketPolicy: S3Operation = {
  name: 'PutBucketPolicy',
  run(ctx) {
    const bucket = requireBucket(ctx)
    authorizePolicyCall(ctx, 's3:PutBucketPolicy', bucket)
    const text = Buffer.from(ctx.body).toString('utf8')
    validateBucketPolicy(text, bucket.name, (p) => isValidAwsPrincipal(ctx.rt.state, p))
    refusePublicPolicy(bucket, text, ctx.caller?.principal.arn ?? 'anonymous')
    bucket.policy = text
    return { status: 204 }
  },
}

export const getBucketPolicy: S3Operation = {
  name: 'GetBucketPolicy',
  run(ctx) {
    const bucket = requireBucket(ctx)
    authorizePolicyCall(ctx, 's3:GetBucketPolicy', bucket)
    if (bucket.policy === undefined) throw s3Errors.noSuchBucketPolicy(bucket.name)
    return { status: 200, headers: { 'content-type': 'application/json' }, body: bucket.policy }
  },
}

export const deleteBucketPolicy: S3Operation = {
  name: 'DeleteBucketPolicy',
  run(ctx) {
    const bucket = requireBucket(ctx)
    authorizePolicyCall(ctx, 's3:DeleteBucketPolicy', bucket)
    delete bucket.policy
    return { status: 204 }
  },
}
