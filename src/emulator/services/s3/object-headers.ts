import type { HeaderView } from '../../incoming.js'
import { AwsServiceError } from '../types.js'

/**
 * Request headers S3 keeps with an object and returns on GetObject/HeadObject (botocore's
 * PutObjectRequest members of location "header" that GetObjectOutput returns).
 */
export const STORED_HEADERS = [
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
  'x-amz-website-redirect-location',
] as const

/** Storage classes S3 accepts on PutObject/CopyObject/CreateMultipartUpload (botocore's StorageClass enum). */
const STORAGE_CLASSES = new Set([
  'STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE',
  'GLACIER_IR', 'SNOW', 'EXPRESS_ONEZONE', 'FSX_OPENZFS', 'FSX_ONTAP',
])

/** Archive classes whose objects GetObject refuses until restored (InvalidObjectState). */
export const ARCHIVED_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE'])

/** The stored headers a request carries (undefined when none). */
export function storedHeaders(headers: HeaderView): Record<string, string> | undefined {
  let out: Record<string, string> | undefined
  for (const name of STORED_HEADERS) {
    const v = headers.get(name)
    if (v !== null) (out ??= {})[name] = v
  }
  return out
}

/**
 * `x-amz-storage-class` of a request: undefined for none or STANDARD. `OUTPOSTS` (and any
 * unknown value) is InvalidStorageClass, as recorded by LocalStack's
 * test_put_object_storage_class against AWS (2026-02).
 */
export function requestedStorageClass(headers: HeaderView): string | undefined {
  const v = headers.get('x-amz-storage-class')
  if (v === null || v === 'STANDARD') return undefined
  if (!STORAGE_CLASSES.has(v)) {
    throw new AwsServiceError('InvalidStorageClass', 400, 'The storage class you specified is not valid', { StorageClassRequested: v })
  }
  return v
}
