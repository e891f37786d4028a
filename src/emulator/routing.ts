import { bodyText, type Incoming } from './incoming.js'

export type ServiceName = 'iam' | 'sts' | 's3'

/**
 * The service named by an Authorization header's credential scope. Quantifiers are bounded
 * (key ids and scope parts are short): unbounded, a 16 KiB header of repeated `Credential=` cost
 * 70 ms of matching, per unauthenticated request.
 */
const CREDENTIAL_SERVICE = /Credential=[^/,\s]{1,128}\/\d{8}\/[^/,\s]{1,64}\/([^/,\s]{1,64})\//

/**
 * Which service a request is for, judged by the request itself: the Host (`iam.`, `sts.`, S3
 * hosts), then the Query API version it names, then the signing scope; a request that is not a
 * Query call (no `Action`) is S3. The scope only decides when nothing else does, so a request
 * signed for the wrong service reaches the service it was meant for, whose SigV4 check refuses
 * it with AWS's answer ("Credential should be scoped to correct service", S3's "incorrect
 * service"), instead of landing in another service as an unknown action.
 */
export function routeService(inc: Incoming): ServiceName | { unknown: string } {
  const byHost = routeByHost(inc)
  if (byHost) return byHost
  const form = queryForm(inc)
  if (form.version === '2010-05-08') return 'iam'
  if (form.version === '2011-06-15') return 'sts'
  const scoped = scopedService(inc)
  if (scoped === 'iam' || scoped === 'sts') return form.action !== undefined ? scoped : 's3'
  if (scoped && scoped !== 's3') return { unknown: scoped }
  return 's3'
}

/**
 * The route of a request whose body has not arrived yet, or `undefined` when the body may still
 * decide it: a form-encoded POST (a Query call names its Version and Action there) to a host
 * that does not name the service.
 */
export function routeHead(inc: Incoming): ServiceName | { unknown: string } | undefined {
  const byHost = routeByHost(inc)
  if (byHost) return byHost
  if (isFormPost(inc)) return undefined
  return routeService(inc)
}

/**
 * {@link hostRoute} of the request's Host, worked out once per request (admission routes the
 * head, dispatch the whole request), kept on the request object under a symbol of ours.
 */
const BY_HOST = Symbol('iamflow.routing.by-host')
type WithRoute = Incoming & { [BY_HOST]?: { host: string; route: ServiceName | undefined } }

function routeByHost(inc: Incoming): ServiceName | undefined {
  const known = (inc as WithRoute)[BY_HOST]
  if (known !== undefined && known.host === inc.host) return known.route
  const route = hostRoute(inc.host)
  ;(inc as WithRoute)[BY_HOST] = { host: inc.host, route }
  return route
}

function hostRoute(hostHeader: string): ServiceName | undefined {
  const host = hostHeader.toLowerCase()
  if (host.startsWith('iam.')) return 'iam'
  if (host.startsWith('sts.')) return 'sts'
  if (/(^|\.)s3[.-]/.test(host)) return 's3'
  return undefined
}

function isFormPost(inc: Incoming): boolean {
  return inc.method === 'POST' && (inc.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')
}

/** The signing service a request names (Authorization header or presigned X-Amz-Credential). */
export function scopedService(inc: Incoming): string | undefined {
  const auth = inc.headers.get('authorization')
  return auth ? CREDENTIAL_SERVICE.exec(auth)?.[1] : presignedService(inc)
}

function presignedService(inc: Incoming): string | undefined {
  const credential = inc.query.find(([k]) => k === 'X-Amz-Credential')?.[1]
  return credential?.split('/')[3]
}

/**
 * The Query `Version` and `Action` a request names: its URL's (the last of each), overridden by a
 * form-encoded POST body's (the first of each, as sent, not decoded).
 */
function queryForm(inc: Incoming): { version: string | undefined; action: string | undefined } {
  let version: string | undefined
  let action: string | undefined
  for (const [k, v] of inc.query) {
    if (k === 'Version') version = v
    else if (k === 'Action') action = v
  }
  if (isFormPost(inc)) {
    const text = bodyText(inc)
    version = firstFormValue(text, 'Version=') ?? version
    action = firstFormValue(text, 'Action=') ?? action
  }
  return { version, action }
}

/**
 * The raw value of the first `&`-separated part of `text` that starts with `prefix` (`Name=`),
 * up to the next `&`: what `/(?:^|&)Name=([^&]*)/` captures, without a regex per name.
 */
export function firstFormValue(text: string, prefix: string): string | undefined {
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('&', start)
    if (end < 0) end = text.length
    if (text.startsWith(prefix, start) && start + prefix.length <= end) return text.slice(start + prefix.length, end)
    start = end + 1
  }
  return undefined
}
