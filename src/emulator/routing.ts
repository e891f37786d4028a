import type { Incoming } from './incoming.js'

export type ServiceName = 'iam' | 'sts' | 's3'

const CREDENTIAL_SERVICE = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([^/,\s]+)\//

/**
 * Which service a request is for. The signing scope decides when present (the SDKs and CLIs
 * sign with the service's name); otherwise the Host (`iam.`, `sts.`, S3 hosts); otherwise an
 * unsigned form POST naming a Query API version; everything else is S3 (anonymous requests).
 */
export function routeService(inc: Incoming): ServiceName | { unknown: string } {
  const auth = inc.headers.get('authorization')
  const scoped = auth ? CREDENTIAL_SERVICE.exec(auth)?.[1] : presignedService(inc)
  if (scoped) return scoped === 'iam' || scoped === 'sts' || scoped === 's3' ? scoped : { unknown: scoped }
  const host = inc.host.toLowerCase()
  if (host.startsWith('iam.')) return 'iam'
  if (host.startsWith('sts.')) return 'sts'
  if (/(^|\.)s3[.-]/.test(host)) return 's3'
  const version = queryVersion(inc)
  if (version === '2010-05-08') return 'iam'
  if (version === '2011-06-15') return 'sts'
  return 's3'
}

function presignedService(inc: Incoming): string | undefined {
  const credential = inc.query.find(([k]) => k === 'X-Amz-Credential')?.[1]
  return credential?.split('/')[3]
}

function queryVersion(inc: Incoming): string | undefined {
  const fromUrl = inc.query.find(([k]) => k === 'Version')?.[1]
  if (fromUrl) return fromUrl
  const type = inc.headers.get('content-type') ?? ''
  if (inc.method !== 'POST' || !type.startsWith('application/x-www-form-urlencoded')) return undefined
  const text = Buffer.from(inc.body.buffer, inc.body.byteOffset, inc.body.byteLength).toString('utf8')
  return /(?:^|&)Version=([^&]*)/.exec(text)?.[1]
}
