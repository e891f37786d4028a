import { authenticate, type AuthOptions } from '../auth/authenticate.js'
import { decisionHeader } from '../authz/authorize.js'
import { createFederationContext, createOpContext } from '../authz/op-context.js'
import { queryRequestId } from '../ids.js'
import type { Incoming } from '../incoming.js'
import type { Exchange, Runtime, WireResponse } from '../runtime.js'
import { iamflowStsOperations, stsFederationOperations } from '../services/sts/index.js'
import { AwsServiceError } from '../services/types.js'
import { DECISION_HEADER } from '../types.js'
import { parseForm, structureParams } from './query-parse.js'
import { QUERY_SERVICES, queryErrorXml, queryHeaders, querySuccessXml } from './query-serialize.js'

const PRESIGN_PARAMS = new Set([
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
])

/** How each Query service authenticates its requests (built once, not per request). */
const AUTH_OPTIONS: Readonly<Record<'iam' | 'sts', AuthOptions>> = { iam: { family: 'query', service: 'iam' }, sts: { family: 'query', service: 'sts' } }
const IAM_GLOBAL_AUTH: AuthOptions = { family: 'query', service: 'iam', region: 'us-east-1' }

/** Query parameters of a request: the form body (POST) plus the URL's query string. */
export function queryParams(inc: Incoming, body: Uint8Array): Array<[string, string]> {
  const fromUrl = inc.query.filter(([k]) => !PRESIGN_PARAMS.has(k))
  if (inc.method !== 'POST' || body.length === 0) return fromUrl
  return [...fromUrl, ...parseForm(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))]
}

/**
 * Handle one IAM or STS request end to end: authenticate, parse, dispatch to the operation
 * table, serialize the result or AWS's error envelope.
 */
export async function handleQuery(rt: Runtime, inc: Incoming, service: 'iam' | 'sts', exchange: Exchange): Promise<WireResponse> {
  const info = QUERY_SERVICES[service]
  const requestId = queryRequestId()
  const reply = (status: number, xml: string): WireResponse => {
    const headers = queryHeaders(requestId, Buffer.byteLength(xml), inc.now)
    const last = exchange.decisions[exchange.decisions.length - 1]
    if (last) headers[DECISION_HEADER] = decisionHeader(last)
    return { status, headers, body: xml }
  }
  try {
    // IAM's global endpoint (iam.amazonaws.com) is signed for us-east-1; with a custom endpoint
    // the SDKs sign IAM with the client's region, so any region is accepted there (issue 15).
    const outcome = await authenticate(rt.state, inc, service === 'iam' && inc.host.toLowerCase().startsWith('iam.') ? IAM_GLOBAL_AUTH : AUTH_OPTIONS[service])
    const params = queryParams(inc, outcome.body)
    const action = params.find(([k]) => k === 'Action')?.[1]
    if (action) exchange.action = action
    const federation = service === 'sts' && action !== undefined && Object.hasOwn(stsFederationOperations, action) ? stsFederationOperations[action] : undefined
    if (federation) {
      const version = params.find(([k]) => k === 'Version')?.[1]
      if (version !== undefined && version !== info.version) {
        throw new AwsServiceError('InvalidAction', 400, `Could not find operation ${action} for version ${version}`)
      }
      const fault = rt.faults.pick(service, action!)
      if (fault) throw fault
      const region = outcome.kind === 'signed' ? outcome.auth.region : rt.region
      const ctx = createFederationContext(rt, inc, requestId, exchange, region)
      const result = await federation(ctx, structureParams(params.filter(([k]) => k !== 'Action' && k !== 'Version')))
      return reply(200, querySuccessXml(info, action!, result, requestId))
    }
    if (outcome.kind === 'anonymous') {
      throw new AwsServiceError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token')
    }
    const caller = outcome.caller
    exchange.principal = caller.principal.arn
    exchange.accessKeyId = caller.accessKeyId
    // (An impersonated user's session, iamflow's own, acts as the user would with its key.)
    // GetSessionToken credentials reach IAM only when the session was created with MFA
    // (STS API Reference, GetSessionToken); IAM treats them as unknown (unconfirmed wording).
    if (service === 'iam' && caller.session?.kind === 'session-token' && !caller.session.mfa && !caller.session.impersonated) {
      throw new AwsServiceError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.')
    }
    if (!action) throw new AwsServiceError('MissingAction', 400, 'Missing Action')
    const version = params.find(([k]) => k === 'Version')?.[1]
    const table = service === 'iam' ? rt.iamOperations : rt.stsOperations
    const own = service === 'sts' && Object.hasOwn(iamflowStsOperations, action) ? iamflowStsOperations[action] : undefined
    const op = Object.hasOwn(table, action) ? table[action] : own
    if (!op || (version !== undefined && version !== info.version)) {
      throw new AwsServiceError('InvalidAction', 400, `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`)
    }
    const fault = rt.faults.pick(service, action)
    if (fault) throw fault
    const region = service === 'iam' ? 'us-east-1' : outcome.auth.region
    const ctx = createOpContext(rt, caller, inc, requestId, exchange, region, { style: 'query' })
    const input = structureParams(params.filter(([k]) => k !== 'Action' && k !== 'Version'))
    const result = await op(ctx, input)
    return reply(200, querySuccessXml(info, action, result, requestId))
  } catch (err) {
    const error = toServiceError(err)
    exchange.errorCode = error.code
    return reply(error.status, queryErrorXml(info, error, requestId))
  }
}

/**
 * Any thrown value as an AwsServiceError (unexpected ones become a 500 without internals), in
 * the service family's own words: Query services say `ServiceFailure`, S3 says `InternalError`.
 */
export function toServiceError(err: unknown, family: 'query' | 's3' = 'query'): AwsServiceError {
  if (err instanceof AwsServiceError) return err
  // An unexpected failure is the emulator's bug: report it on stderr, answer AWS's 500.
  console.error('iamflow emulator: internal error:', err)
  return family === 's3'
    ? new AwsServiceError('InternalError', 500, 'We encountered an internal error. Please try again.', {}, false)
    : new AwsServiceError('ServiceFailure', 500, 'An internal error occurred.', {}, false)
}
