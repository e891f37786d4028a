import { referencedPrincipals } from '../../../policy/index.js'
import { arns } from '../../arn.js'
import { compileText } from '../../authz/engine.js'
import { isValidAwsPrincipal } from '../iam/principals.js'
import { requireBucket } from './buckets.js'
import { refusePublicPolicy } from './public-access.js'
import { s3Errors } from './errors.js'
import type { S3Operation } from './types.js'

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

export const putBucketPolicy: S3Operation = {
  name: 'PutBucketPolicy',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketPolicy', arns.bucket(bucket.name), { bucket })
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
    ctx.authorize('s3:GetBucketPolicy', arns.bucket(bucket.name), { bucket })
    if (bucket.policy === undefined) throw s3Errors.noSuchBucketPolicy(bucket.name)
    return { status: 200, headers: { 'content-type': 'application/json' }, body: bucket.policy }
  },
}

export const deleteBucketPolicy: S3Operation = {
  name: 'DeleteBucketPolicy',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:DeleteBucketPolicy', arns.bucket(bucket.name), { bucket })
    delete bucket.policy
    return { status: 204 }
  },
}
