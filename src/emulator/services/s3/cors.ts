import { arns } from '../../arn.js'
import { s3Xml } from '../../protocols/rest-xml.js'
import type { BucketEntity } from '../../state/model.js'
import { AwsServiceError } from '../types.js'
import { requireBucket } from './buckets.js'
import { s3Errors } from './errors.js'
import { XML, type S3Operation } from './types.js'
import { parseXmlBody } from './xml-input.js'

/**
 * Bucket CORS configuration (S3 User Guide, "Using cross-origin resource sharing (CORS)"): at
 * most 100 rules, methods GET, PUT, POST, DELETE, HEAD. OPTIONS preflights and the CORS headers
 * of actual requests are answered from these rules (cors-requests.ts).
 */
const MAX_RULES = 100
const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD'])

type Rule = NonNullable<BucketEntity['cors']>[number]

const strings = (v: unknown): string[] => {
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v]
  if (list.length > 1000 || list.some((x) => typeof x !== 'string')) throw s3Errors.malformedXml()
  return list as string[]
}

function parseRules(body: Uint8Array): Rule[] {
  const doc = parseXmlBody(body).CORSConfiguration as Record<string, unknown> | undefined
  if (!doc || typeof doc !== 'object') throw s3Errors.malformedXml()
  const raw = doc.CORSRule === undefined ? [] : Array.isArray(doc.CORSRule) ? doc.CORSRule : [doc.CORSRule]
  if (raw.length === 0) throw s3Errors.malformedXml()
  if (raw.length > MAX_RULES) throw new AwsServiceError('InvalidRequest', 400, 'The number of CORS rules should not exceed allowed limit of 100 rules.')
  return raw.map((r: unknown) => {
    if (!r || typeof r !== 'object') throw s3Errors.malformedXml()
    const rule = r as Record<string, unknown>
    const methods = strings(rule.AllowedMethod)
    const origins = strings(rule.AllowedOrigin)
    if (methods.length === 0 || origins.length === 0) throw s3Errors.malformedXml()
    for (const m of methods) {
      if (!METHODS.has(m)) throw new AwsServiceError('InvalidRequest', 400, `Found unsupported HTTP method in CORS config. Unsupported method is ${m}`)
    }
    const maxAge = rule.MaxAgeSeconds !== undefined ? Number(rule.MaxAgeSeconds) : undefined
    if (maxAge !== undefined && !Number.isInteger(maxAge)) throw s3Errors.malformedXml()
    return {
      ...(typeof rule.ID === 'string' ? { ID: rule.ID } : {}),
      AllowedOrigins: origins,
      AllowedMethods: methods,
      AllowedHeaders: strings(rule.AllowedHeader),
      ExposeHeaders: strings(rule.ExposeHeader),
      ...(maxAge !== undefined ? { MaxAgeSeconds: maxAge } : {}),
    }
  })
}

export const putBucketCors: S3Operation = {
  name: 'PutBucketCors',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketCORS', arns.bucket(bucket.name), { bucket })
    bucket.cors = parseRules(ctx.body)
    return { status: 200, headers: { 'content-length': '0' } }
  },
}

export const getBucketCors: S3Operation = {
  name: 'GetBucketCors',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:GetBucketCORS', arns.bucket(bucket.name), { bucket })
    if (!bucket.cors) throw new AwsServiceError('NoSuchCORSConfiguration', 404, 'The CORS configuration does not exist', { BucketName: bucket.name })
    const body = s3Xml('CORSConfiguration', {
      CORSRule: bucket.cors.map((r) => ({
        ...(r.ID !== undefined ? { ID: r.ID } : {}),
        ...(r.AllowedHeaders.length ? { AllowedHeader: r.AllowedHeaders } : {}),
        AllowedMethod: r.AllowedMethods,
        AllowedOrigin: r.AllowedOrigins,
        ...(r.ExposeHeaders.length ? { ExposeHeader: r.ExposeHeaders } : {}),
        ...(r.MaxAgeSeconds !== undefined ? { MaxAgeSeconds: r.MaxAgeSeconds } : {}),
      })),
    })
    return { status: 200, headers: XML, body }
  },
}

/** DeleteBucketCors is authorized as s3:PutBucketCORS (botocore DeleteBucketCors doc). */
export const deleteBucketCors: S3Operation = {
  name: 'DeleteBucketCors',
  run(ctx) {
    const bucket = requireBucket(ctx)
    ctx.authorize('s3:PutBucketCORS', arns.bucket(bucket.name), { bucket })
    delete bucket.cors
    return { status: 204 }
  },
}
