import { authenticate, type AuthOptions } from '../auth/authenticate.js'
import { decisionHeader } from '../authz/authorize.js'
import { createFederationContext, createOpContext } from '../authz/op-context.js'
import { queryRequestId } from '../ids.js'
import { bodyText, type Incoming } from '../incoming.js'
import type { Exchange, Runtime, WireResponse } from '../runtime.js'
import { iamflowStsOperations, stsFederationOperations } from '../services/sts/index.js'
import { AwsServiceError, type Caller, type Operation } from '../services/types.js'
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
const ANONYMOUS: QueryCall['auth'] = Object.freeze({ kind: 'anonymous' })

/** Query parameters of a request: the form body (POST) plus the URL's query string. */
export function queryParams(inc: Incoming, body: Uint8Array): Array<[string, string]> {
  const fromUrl = inc.query.length === 0 ? [] : inc.query.filter(([k]) => !PRESIGN_PARAMS.has(k))
  if (inc.method !== 'POST' || body.length === 0) return fromUrl
  const fromBody = parseForm(bodyText(inc, body))
  if (fromUrl.length === 0) return fromBody
  for (const pair of fromBody) fromUrl.push(pair)
  return fromUrl
}

/** The first `Action` and `Version` parameters (one pass). */
function actionAndVersion(params: ReadonlyArray<readonly [string, string]>): { action: string | undefined; version: string | undefined } {
  let action: string | undefined
  let version: string | undefined
  for (let i = 0; i < params.length && (action === undefined || version === undefined); i++) {
    const [k, v] = params[i]!
    if (k === 'Action') action ??= v
    else if (k === 'Version') version ??= v
  }
  return { action, version }
}

/** The answer with Query's headers (and the last authorization decision, when one was made). */
function reply(inc: Incoming, exchange: Exchange, requestId: string, status: number, xml: string): WireResponse {
  const headers = queryHeaders(requestId, Buffer.byteLength(xml), inc.now)
  const last = exchange.decisions[exchange.decisions.length - 1]
  if (last) headers[DECISION_HEADER] = decisionHeader(last)
  return { status, headers, body: xml }
}

/**
 * Handle one IAM or STS request end to end: authenticate, parse, dispatch to the operation
 * table, serialize the result or AWS's error envelope.
 */
export async function handleQuery(rt: Runtime, inc: Incoming, service: 'iam' | 'sts', exchange: Exchange): Promise<WireResponse> {
  const info = QUERY_SERVICES[service]
  const requestId = queryRequestId()
  try {
    // IAM's global endpoint (iam.amazonaws.com) is signed for us-east-1; with a custom endpoint
    // the SDKs sign IAM with the client's region, so any region is accepted there (issue 15).
    const outcome = authenticate(rt.state, inc, service === 'iam' && inc.host.toLowerCase().startsWith('iam.') ? IAM_GLOBAL_AUTH : AUTH_OPTIONS[service])
    const params = queryParams(inc, outcome.body)
    const { action, version } = actionAndVersion(params)
    const result = await invokeQuery(rt, inc, exchange, {
      service,
      action,
      version,
      auth: outcome.kind === 'signed' ? { kind: 'signed', caller: outcome.caller, region: outcome.auth.region } : ANONYMOUS,
      input: () => structureParams(params.filter(([k]) => k !== 'Action' && k !== 'Version')),
      requestId,
    })
    return reply(inc, exchange, requestId, 200, querySuccessXml(info, action!, result, requestId))
  } catch (err) {
    const error = toServiceError(err)
    exchange.errorCode = error.code
    return reply(inc, exchange, requestId, error.status, queryErrorXml(info, error, requestId))
  }
}

/** One authenticated IAM or STS call, however it arrived (the wire, or in process: direct.ts). */
export interface QueryCall {
  service: 'iam' | 'sts'
  /** The `Action` parameter (undefined when the request had none). */
  action: string | undefined
  /** The `Version` parameter, when given. */
  version: string | undefined
  /** Who signed the request, and the region of its signature; anonymous when it was unsigned. */
  auth: { kind: 'signed'; caller: Caller; region: string } | { kind: 'anonymous' }
  /** The operation's input as the Query layer structures it (scalars as text); built only once the operation is known. */
  input: () => Record<string, unknown>
  requestId: string
}

/**
 * Dispatch an authenticated call to its operation, as AWS's front end does: federation
 * operations without a caller, the version and fault checks, the IAM session-token rule, then
 * the handler (which validates its input and authorizes). Resolves to the handler's result;
 * throws AwsServiceError.
 */
export async function invokeQuery(rt: Runtime, inc: Incoming, exchange: Exchange, call: QueryCall): Promise<unknown> {
  const { service, action, version, requestId } = call
  const info = QUERY_SERVICES[service]
  if (action) exchange.action = action
  const federation = service === 'sts' && action !== undefined && Object.hasOwn(stsFederationOperations, action) ? stsFederationOperations[action] : undefined
  if (federation) {
    if (version !== undefined && version !== info.version) {
      throw new AwsServiceError('InvalidAction', 400, `Could not find operation ${action} for version ${version}`)
    }
    const fault = rt.faults.pick(service, action!)
    if (fault) throw fault
    const region = call.auth.kind === 'signed' ? call.auth.region : rt.region
    const ctx = createFederationContext(rt, inc, requestId, exchange, region)
    return federation(ctx, call.input())
  }
  if (call.auth.kind === 'anonymous') {
    throw new AwsServiceError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token')
  }
  const caller = call.auth.caller
  exchange.principal = caller.principal.arn
  exchange.accessKeyId = caller.accessKeyId
  // (An impersonated user's session, iamflow's own, acts as the user would with its key.)
  // GetSessionToken credentials reach IAM only when the session was created with MFA
  // (STS API Reference, GetSessionToken); IAM treats them as unknown (unconfirmed wording).
  if (service === 'iam' && caller.session?.kind === 'session-token' && !caller.session.mfa && !caller.session.impersonated) {
    throw new AwsServiceError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.')
  }
  if (!action) throw new AwsServiceError('MissingAction', 400, 'Missing Action')
  const op = queryOperation(rt, service, action)
  if (!op || (version !== undefined && version !== info.version)) {
    throw new AwsServiceError('InvalidAction', 400, `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`)
  }
  const fault = rt.faults.pick(service, action)
  if (fault) throw fault
  const region = service === 'iam' ? 'us-east-1' : call.auth.region
  const ctx = createOpContext(rt, caller, inc, requestId, exchange, region, { style: 'query' })
  return op(ctx, call.input())
}

/** The operation `action` of a Query service (iamflow's own STS operations included), if it has one. */
export function queryOperation(rt: Runtime, service: 'iam' | 'sts', action: string): Operation | undefined {
  const table = service === 'iam' ? rt.iamOperations : rt.stsOperations
  if (Object.hasOwn(table, action)) return table[action]
  return service === 'sts' && Object.hasOwn(iamflowStsOperations, action) ? iamflowStsOperations[action] : undefined
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
