import { arns } from '../../arn.js'
import { s3Time, s3Xml } from '../../protocols/rest-xml.js'
import { objectMap, type BucketEntity } from '../../state/model.js'
import { AwsServiceError } from '../types.js'
import type { S3Context } from './context.js'
import { s3Errors } from './errors.js'
import { isValidBucketName } from './naming.js'
import { defaultPublicAccessBlock } from './bucket-defaults.js'
import { aclErrors, requestGrants, requestedAcl } from './acl-rules.js'
import { XML, type S3Operation } from './types.js'
import { parseXmlBody } from './xml-input.js'

/** General purpose buckets per account (default quota since late 2024). */
const BUCKET_QUOTA = 10_000

/** The bucket a request names, or NoSuchBucket. */
export function requireBucket(ctx: S3Context): BucketEntity {
  const bucket = ctx.bucket !== undefined ? ctx.rt.state.buckets.get(ctx.bucket) : undefined
  if (!bucket) throw s3Errors.noSuchBucket(ctx.bucket ?? '')
  return bucket
}

function anonymousDenied(ctx: S3Context): void {
  if (!ctx.caller) throw s3Errors.accessDenied()
}

export const listBuckets: S3Operation = {
  name: 'ListBuckets',
  anyRegion: true,
  run(ctx) {
    anonymousDenied(ctx)
    ctx.authorize('s3:ListAllMyBuckets', '*')
    const account = ctx.caller!.account
    const q = new Map(ctx.inc.query)
    const prefix = q.get('prefix') ?? ''
    const regionFilter = q.get('bucket-region')
    const max = q.has('max-buckets') ? Number(q.get('max-buckets')) : undefined
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10000)) {
      throw s3Errors.invalidArgument('Argument max-buckets must be an integer between 1 and 10000', 'max-buckets', q.get('max-buckets')!)
    }
    const after = q.get('continuation-token') ? Buffer.from(q.get('continuation-token')!, 'base64url').toString('utf8') : ''
    const all = [...ctx.rt.state.buckets.values()]
      .filter((b) => b.accountId === account.id && b.name.startsWith(prefix) && (!regionFilter || b.region === regionFilter) && b.name > after)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    const page = max !== undefined ? all.slice(0, max) : all
    const truncated = max !== undefined && all.length > max
    const body = s3Xml('ListAllMyBucketsResult', {
      Owner: { ID: account.canonicalUserId, DisplayName: `iamflow-${account.id}` },
      Buckets: page.length
        ? { Bucket: page.map((b) => ({ Name: b.name, CreationDate: s3Time(b.createDate), BucketRegion: b.region, BucketArn: arns.bucket(b.name) })) }
        : '',
      ...(truncated ? { ContinuationToken: Buffer.from(page[page.length - 1]!.name).toString('base64url') } : {}),
      ...(q.has('prefix') ? { Prefix: prefix } : {}),
    })
    return { status: 200, headers: XML, body }
  },
}

function locationConstraint(ctx: S3Context): string | undefined {
  if (ctx.body.length === 0) return undefined
  const doc = parseXmlBody(ctx.body)
  const config = doc.CreateBucketConfiguration as Record<string, unknown> | undefined
  if (config === undefined) throw s3Errors.malformedXml()
  const c = typeof config === 'object' ? config.LocationConstraint : undefined
  return typeof c === 'string' && c !== '' ? c : undefined
}

export const createBucket: S3Operation = {
  name: 'CreateBucket',
  anyRegion: true,
  run(ctx) {
    const name = ctx.bucket!
    if (!isValidBucketName(name)) throw s3Errors.invalidBucketName(name)
    anonymousDenied(ctx)
    const constraint = locationConstraint(ctx)
    let region: string
    if (constraint === undefined) {
      if (ctx.region !== 'us-east-1') {
        throw new AwsServiceError(
          'IllegalLocationConstraintException',
          400,
          'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
        )
      }
      region = 'us-east-1'
    } else if (constraint === 'us-east-1') {
      throw new AwsServiceError('InvalidLocationConstraint', 400, 'The specified location-constraint is not valid', { LocationConstraint: constraint })
    } else {
      region = constraint === 'EU' ? 'eu-west-1' : constraint
      if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
        throw new AwsServiceError('InvalidLocationConstraint', 400, 'The specified location-constraint is not valid', { LocationConstraint: constraint })
      }
      // The us-east-1 (global) endpoint creates a bucket in any region; eu-west-1's takes the
      // legacy `EU`; any other endpoint needs its own region (botocore CreateBucket doc; LocalStack
      // test_region_header_exists_outside_us_east_1 / test_different_location_constraint, 2026-02).
      const accepted = ctx.region === 'us-east-1' || region === ctx.region
      if (!accepted) {
        throw new AwsServiceError(
          'IllegalLocationConstraintException',
          400,
          `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        )
      }
    }
    // New buckets are BucketOwnerEnforced unless the request says otherwise (AWS's default since April 2023).
    const ownershipHeader = ctx.inc.headers.get('x-amz-object-ownership')
    if (ownershipHeader !== null && !['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'].includes(ownershipHeader)) {
      throw s3Errors.invalidArgument('Invalid x-amz-object-ownership header', 'x-amz-object-ownership', ownershipHeader)
    }
    const ownership = (ownershipHeader ?? 'BucketOwnerEnforced') as NonNullable<BucketEntity['ownership']>
    const acl = requestedAcl(ctx)
    const grants = requestGrants(ctx)
    if (ownership === 'BucketOwnerEnforced' && acl !== undefined && acl !== 'private' && acl !== 'bucket-owner-full-control') throw aclErrors.bucketAclWithEnforced()
    ctx.authorize('s3:CreateBucket', arns.bucket(name), acl && acl !== 'grants' ? { context: { 's3:x-amz-acl': acl } } : {})
    const account = ctx.caller!.account
    // us-east-1 answers `/NAME` whatever the addressing style; other regions the bucket's global
    // virtual-hosted URL (as `aws s3api create-bucket` prints). Since 2025 the answer also carries
    // the bucket's ARN (x-amz-bucket-arn, BucketArn), seen for general purpose buckets in real
    // CLI output although the API reference still says directory buckets only.
    const location = region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/`
    const headers = { location, 'x-amz-bucket-arn': arns.bucket(name) }
    const existing = ctx.rt.state.buckets.get(name)
    if (existing) {
      if (existing.accountId !== account.id) throw s3Errors.bucketAlreadyExists(name)
      // Legacy us-east-1 behaviour: re-creating your own bucket there succeeds.
      if (existing.region === 'us-east-1' && region === 'us-east-1') return { status: 200, headers }
      throw s3Errors.bucketAlreadyOwnedByYou(name)
    }
    let owned = 0
    for (const b of ctx.rt.state.buckets.values()) if (b.accountId === account.id) owned++
    if (owned >= BUCKET_QUOTA) throw new AwsServiceError('TooManyBuckets', 400, 'You have attempted to create more buckets than allowed')
    // New buckets have Block Public Access on (AWS's default since April 2023).
    ctx.rt.state.buckets.set(name, {
      name,
      region,
      accountId: account.id,
      createDate: ctx.now,
      objects: objectMap(),
      versions: objectMap(),
      publicAccessBlock: defaultPublicAccessBlock(),
      ownership,
      ...(acl && acl !== 'grants' && acl !== 'private' ? { acl } : {}),
      ...(grants ? { aclGrants: grants } : {}),
    })
    return { status: 200, headers }
  },
}

export const headBucket: S3Operation = {
  name: 'HeadBucket',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:ListBucket', arns.bucket(bucket.name), { bucket })
    return { status: 200, headers: { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' } }
  },
}

export const deleteBucket: S3Operation = {
  name: 'DeleteBucket',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:DeleteBucket', arns.bucket(bucket.name), { bucket })
    if (bucket.objects.size > 0 || bucket.versions.size > 0) throw s3Errors.bucketNotEmpty(bucket.name)
    ctx.rt.state.buckets.delete(bucket.name)
    return { status: 204 }
  },
}

export const getBucketLocation: S3Operation = {
  name: 'GetBucketLocation',
  anyRegion: true,
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetBucketLocation', arns.bucket(bucket.name), { bucket })
    // us-east-1 buckets answer an empty LocationConstraint (legacy).
    const body = s3Xml('LocationConstraint', bucket.region === 'us-east-1' ? {} : { '#text': bucket.region })
    return { status: 200, headers: XML, body }
  },
}
