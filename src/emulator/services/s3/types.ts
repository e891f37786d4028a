import type { S3Context } from './context.js'

/** What an S3 operation returns; the REST-XML layer adds the common headers. */
export interface S3Result {
  status: number
  headers?: Record<string, string>
  body?: string | Uint8Array
}

/** One S3 operation (name for logs and fault injection). */
export interface S3Operation {
  name: string
  /** Allowed from any region's endpoint (ListBuckets, CreateBucket, GetBucketLocation). */
  anyRegion?: boolean
  run(ctx: S3Context): S3Result | Promise<S3Result>
}

/** The XML content type S3 answers with. */
export const XML = { 'content-type': 'application/xml' }
