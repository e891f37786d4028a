/**
 * The in-process protocol of the embedded emulator: an IAM or STS call made with the SDK's
 * input object and answered with the SDK's output object, with no SigV4, form encoding or XML
 * in between. What arrives and leaves is exactly what the Query protocol would have carried:
 *
 * - the input is turned into the Query layer's structured parameters by AWS's model (numbers,
 *   booleans and timestamps as the SDK writes them, empty lists as `Name=`, members the model
 *   lacks dropped), so the handler validates and authorizes the same values;
 * - the caller is resolved from the credentials as a signed request's would be (the same
 *   unknown-key, token and expiry answers, the key's last use recorded);
 * - the result is read back by the output shape as the SDK deserialises the XML (text, numbers,
 *   booleans, timestamps as Dates at whole seconds, blobs as bytes, empty lists as `[]`,
 *   members the model lacks dropped).
 *
 * The caller side (src/aws/direct.ts) adds the SDK's `$metadata`, retries and error classes.
 */
import { errorShapeName, outputShape, outputShapeName, type OutputService } from '../../aws-model/outputs.js'
import { inputShape, modelShape } from '../../aws-model/shapes.js'
import { dict } from '../../safe-object.js'
import { recordUse } from '../auth/last-used.js'
import { resolveCaller } from '../auth/resolve.js'
import { decisionHeader } from '../authz/authorize.js'
import { queryRequestId } from '../ids.js'
import type { Incoming } from '../incoming.js'
import type { Exchange, Runtime } from '../runtime.js'
import { stsFederationOperations } from '../services/sts/index.js'
import { authError } from '../sigv4/failures.js'
import { structureParams } from './query-parse.js'
import { invokeQuery, queryOperation, toServiceError } from './query.js'
import { QUERY_SERVICES, querySuccessXml } from './query-serialize.js'
import { isoSeconds, mapRecordOf } from './xml.js'

/** One call in process. */
export interface DirectRequest {
  service: OutputService
  /** The operation (`CreateRole`). */
  operation: string
  /** The SDK's input object. */
  input: Record<string, unknown>
  /** The acting identity's key id and session token; undefined for an unsigned call. */
  credentials?: { accessKeyId: string; sessionToken?: string }
  /** The client's region (the region a signature would name). */
  region: string
}

/**
 * What the call answered: the SDK's output members, or AWS's error. S3 answers (s3-direct.ts)
 * also carry the extended request id (`x-amz-id-2`), the success status (204 for DeleteObject)
 * and the error's members (the `<Error>` element's children, as the SDK's S3ServiceException).
 */
export type DirectAnswer =
  | { ok: true; requestId: string; extendedRequestId?: string; status?: number; output: Record<string, unknown>; decision?: string }
  | {
      ok: false
      requestId: string
      extendedRequestId?: string
      /** REST-XML errors: the members the SDK sets on the exception besides `message`. */
      fields?: Record<string, unknown>
      status: number
      code: string
      message: string
      senderFault: boolean
      /** The SDK's name for the error: the modelled exception shape (`NoSuchEntityException`), else the code. */
      name: string
      decision?: string
    }

/**
 * Whether `operation` of `service` can be called in process: the emulator serves it and the
 * kept model knows its input and output (anything else goes over the SDK's in-memory path,
 * which answers it as the wire does).
 */
export function directOperation(rt: Runtime, service: OutputService, operation: string): boolean {
  if (outputShapeName(service, operation) === undefined || !inputShape(service, operation)) return false
  if (service === 'sts' && Object.hasOwn(stsFederationOperations, operation)) return true
  return queryOperation(rt, service, operation) !== undefined && !operation.startsWith('Iamflow')
}

/** Answer one call (see module doc). Never throws for an AWS answer. */
export async function handleDirect(rt: Runtime, inc: Incoming, req: DirectRequest, exchange: Exchange): Promise<DirectAnswer> {
  const requestId = queryRequestId()
  const { service, operation } = req
  const decision = (): { decision?: string } => {
    const last = exchange.decisions[exchange.decisions.length - 1]
    return last ? { decision: decisionHeader(last) } : {}
  }
  try {
    // Federation operations are unsigned, as the SDK sends them (the token is the credential).
    const federation = service === 'sts' && Object.hasOwn(stsFederationOperations, operation)
    let auth: Parameters<typeof invokeQuery>[3]['auth'] = { kind: 'anonymous' }
    if (req.credentials && !federation) {
      const resolved = resolveCaller(rt.state, req.credentials.accessKeyId, req.credentials.sessionToken, inc.now)
      if (!resolved.ok) throw authError('query', resolved.failure)
      recordUse(rt.state, resolved.caller, service, req.region, inc.now)
      auth = { kind: 'signed', caller: resolved.caller, region: req.region }
    }
    const result = await invokeQuery(rt, inc, exchange, {
      service,
      action: operation,
      version: undefined,
      auth,
      input: () => toQueryInput(service, operation, req.input),
      requestId,
    })
    return { ok: true, requestId, output: toSdkOutput(service, operation, result), ...decision() }
  } catch (err) {
    const error = toServiceError(err)
    exchange.errorCode = error.code
    return {
      ok: false,
      requestId,
      status: error.status,
      code: error.code,
      message: error.message,
      senderFault: error.senderFault,
      name: errorShapeName(service, error.code) ?? error.code,
      ...decision(),
    }
  }
}

/** One of iamflow's own STS operations (`IamflowIssueOidcToken`) in process: flat text parameters. */
export interface DirectOwnRequest {
  action: string
  params: Record<string, string>
  credentials?: { accessKeyId: string; sessionToken?: string }
  region: string
}

/**
 * Answer one of iamflow's own operations in process: the caller resolved as for any call, the
 * parameters structured as the Query layer structures the form, and on success the very XML the
 * wire would carry (the client reads its members as it reads the wire's: src/aws/emulator-call.ts).
 */
export async function handleDirectOwn(rt: Runtime, inc: Incoming, req: DirectOwnRequest, exchange: Exchange): Promise<DirectOwnAnswer> {
  const requestId = queryRequestId()
  try {
    let auth: Parameters<typeof invokeQuery>[3]['auth'] = { kind: 'anonymous' }
    if (req.credentials) {
      const resolved = resolveCaller(rt.state, req.credentials.accessKeyId, req.credentials.sessionToken, inc.now)
      if (!resolved.ok) throw authError('query', resolved.failure)
      recordUse(rt.state, resolved.caller, 'sts', req.region, inc.now)
      auth = { kind: 'signed', caller: resolved.caller, region: req.region }
    }
    const params = Object.entries(req.params).filter(([k]) => k !== 'Action' && k !== 'Version')
    const result = await invokeQuery(rt, inc, exchange, { service: 'sts', action: req.action, version: undefined, auth, input: () => structureParams(params), requestId })
    return { ok: true, requestId, xml: querySuccessXml(QUERY_SERVICES.sts, req.action, result, requestId) }
  } catch (err) {
    const error = toServiceError(err)
    exchange.errorCode = error.code
    const last = exchange.decisions[exchange.decisions.length - 1]
    return { ok: false, requestId, status: error.status, code: error.code, message: error.message, ...(last ? { decision: decisionHeader(last) } : {}) }
  }
}

/** What one of iamflow's own operations answered in process. */
export type DirectOwnAnswer = { ok: true; requestId: string; xml: string } | { ok: false; requestId: string; status: number; code: string; message: string; decision?: string }

// ---- input: the SDK's object -> the Query layer's structured parameters ----

/** The SDK's input as the Query layer would have structured its form parameters. */
export function toQueryInput(service: OutputService, operation: string, input: Record<string, unknown>): Record<string, unknown> {
  const shape = inputShape(service, operation)
  const out = dict<unknown>()
  if (!shape?.members || typeof input !== 'object' || input === null) return out
  for (const [member, shapeName] of Object.entries(shape.members)) {
    if (!Object.hasOwn(input, member)) continue
    const v = queryValue(service, shapeName, input[member], 0)
    if (v !== undefined) out[member] = v
  }
  return out
}

function queryValue(service: OutputService, shapeName: string, value: unknown, depth: number): unknown {
  if (value === undefined || value === null || depth > 20) return undefined
  const shape = modelShape(service, shapeName)
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object') return undefined
      const out = dict<unknown>()
      for (const [member, name] of Object.entries(shape.members ?? {})) {
        if (!Object.hasOwn(value, member)) continue
        const v = queryValue(service, name, (value as Record<string, unknown>)[member], depth + 1)
        if (v !== undefined) out[member] = v
      }
      return out
    }
    case 'list': {
      if (!Array.isArray(value)) return undefined
      // The SDKs send an empty list as `Name=`, which the Query layer reads as ''.
      if (value.length === 0) return ''
      return value.map((item) => queryValue(service, shape.member!, item, depth + 1) ?? '')
    }
    case 'map': {
      if (typeof value !== 'object') return undefined
      const out = dict<unknown>()
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const converted = queryValue(service, shape.value!, v, depth + 1)
        if (converted !== undefined) out[k] = converted
      }
      return out
    }
    case 'timestamp':
      if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z')
      return String(value)
    case 'blob':
      if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')
      return Buffer.from(String(value), 'utf8').toString('base64')
    default:
      return String(value)
  }
}

// ---- output: the handler's result -> what the SDK deserialises from its XML ----

/** The handler's result as the SDK would have read it from the Query XML (see module doc). */
export function toSdkOutput(service: OutputService, operation: string, result: unknown): Record<string, unknown> {
  const name = outputShapeName(service, operation)
  if (!name || result === undefined || result === null) return {}
  const v = sdkValue(service, name, result, 0)
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
}

function sdkValue(service: OutputService, shapeName: string, value: unknown, depth: number): unknown {
  if (value === undefined || value === null || depth > 20) return undefined
  const shape = outputShape(service, shapeName)
  switch (shape.type) {
    case 'structure': {
      // An element with no children reads as '': a structure of no members.
      const out: Record<string, unknown> = {}
      if (typeof value !== 'object' || Array.isArray(value)) return out
      for (const [member, name] of Object.entries(shape.members ?? {})) {
        if (!Object.hasOwn(value, member)) continue
        const v = sdkValue(service, name, (value as Record<string, unknown>)[member], depth + 1)
        if (v !== undefined) out[member] = v
      }
      return out
    }
    case 'list':
      if (!Array.isArray(value)) return []
      return value.map((item) => sdkValue(service, shape.member!, item, depth + 1) ?? '')
    case 'map': {
      // Map keys are values: a prototype-free record.
      const out = dict<unknown>()
      const record = mapRecordOf(value) ?? (value as Record<string, unknown>)
      if (typeof record !== 'object') return out
      for (const [k, v] of Object.entries(record)) out[k] = sdkValue(service, shape.value!, v, depth + 1) ?? ''
      return out
    }
    case 'timestamp':
      return new Date(value instanceof Date || typeof value === 'number' ? isoSeconds(value) : String(value))
    case 'boolean':
      return value === true || value === 'true'
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return Number(value)
    case 'blob':
      return new Uint8Array(Buffer.from(String(value), 'base64'))
    default:
      return typeof value === 'string' ? value : typeof value === 'object' ? '' : String(value)
  }
}
