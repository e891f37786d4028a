import type { Incoming } from '../incoming.js'
import type { AwsServiceError } from '../services/types.js'
import { httpDate } from './http-date.js'
import { xmlBuilder } from './xml.js'

/** S3's response namespace (note: http, not https). */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/'

/** Where a request points: bucket and key, and how it was addressed. */
export interface S3Address {
  bucket?: string
  key?: string
  style: 'path' | 'virtual'
}

/**
 * Virtual-hosted bucket hosts: `<bucket>.localhost[:port]`, `<bucket>.s3.amazonaws.com`,
 * `<bucket>.s3.<region>.amazonaws.com`, `<bucket>.s3-<region>.amazonaws.com`.
 */
const VIRTUAL_HOSTS = [/^(.+)\.localhost$/, /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/, /^(.+)\.s3\.localhost\.localstack\.cloud$/]

function decodePath(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** Bucket and key of a request, for path-style and virtual-hosted addressing. */
export function s3Address(inc: Incoming): S3Address {
  const host = inc.host.toLowerCase().replace(/:\d+$/, '')
  for (const re of VIRTUAL_HOSTS) {
    const m = re.exec(host)
    if (m && m[1] && !m[1].startsWith('s3.') && m[1] !== 's3') {
      const key = inc.rawPath.slice(1)
      return { bucket: m[1], ...(key ? { key: decodePath(key) } : {}), style: 'virtual' }
    }
  }
  const path = inc.rawPath.slice(1)
  if (!path) return { style: 'path' }
  const slash = path.indexOf('/')
  if (slash < 0) return { bucket: decodePath(path), style: 'path' }
  const key = path.slice(slash + 1)
  return { bucket: decodePath(path.slice(0, slash)), ...(key ? { key: decodePath(key) } : {}), style: 'path' }
}

/** An S3 XML document with the declaration and (optionally) the S3 namespace on the root. */
export function s3Xml(root: string, body: Record<string, unknown>, namespace = true): string {
  const content = namespace ? { '@_xmlns': S3_NAMESPACE, ...body } : body
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlBuilder.build({ [root]: content }) as string}`
}

/** `<Error><Code/><Message/>...extra...<RequestId/><HostId/></Error>`. */
export function s3ErrorXml(error: AwsServiceError, requestId: string, hostId: string): string {
  return s3Xml('Error', { Code: error.code, Message: error.message, ...error.extra, RequestId: requestId, HostId: hostId }, false)
}

/** Headers on every S3 response. */
export function s3Headers(requestId: string, hostId: string, now: number): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId, date: httpDate(now), server: 'AmazonS3' }
}

/** S3's ISO-8601 with milliseconds (`2025-01-01T00:00:00.000Z`). */
export function s3Time(ms: number): string {
  return new Date(ms).toISOString()
}
