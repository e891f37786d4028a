import { admit, refuse, type Admission, type AdmissionHost, type BodyLimits } from './admission.js'
import { createFaultInjector } from './knobs/faults.js'
import { handleQuery, toServiceError } from './protocols/query.js'
import { queryErrorXml, QUERY_SERVICES } from './protocols/query-serialize.js'
import { incomingFrom, readIncoming, RecordHeaders, type Incoming, type IncomingParts } from './incoming.js'
import { directOperation, handleDirect, handleDirectOwn, type DirectAnswer, type DirectOwnAnswer, type DirectOwnRequest, type DirectRequest } from './protocols/direct.js'
import { routeService } from './routing.js'
import { handleS3Direct, s3DirectIncoming, s3DirectOperation } from './protocols/s3-direct.js'
import { logEntry, type Exchange, type Runtime, type WireResponse } from './runtime.js'
import { iamOperations } from './services/iam/index.js'
import { handleS3 } from './services/s3/handler.js'
import { stsOperations } from './services/sts/index.js'
import { addAccount, rootCredentials } from './state/accounts.js'
import { inventoryOf } from './state/inventory.js'
import { seedAccount } from './snapshot/seed.js'
import { InputError } from '../errors.js'
import { emptyState, type EmulatorState } from './state/model.js'
import { saveFailureError, saveFailureResponse } from './state/save-failure.js'
import { StateFileError, StateSaveError } from './state/state-error.js'
import { StateStore } from './state/store.js'
import { mayMutate } from './state/tracking.js'
import { resolveQuotas } from './services/iam/quotas.js'
import { AwsServiceError } from './services/types.js'
import { queryRequestId } from './ids.js'
import type { AccountCredentials, Clock, Emulator, EmulatorOptions, Inventory, RequestMeta, SaveSummary } from './types.js'

/** AWS's documented example key: the default root credentials of the default account. */
export const EXAMPLE_ROOT_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const

export const DEFAULT_ACCOUNT_ID = '123456789012'

const systemClock: Clock = { now: () => Date.now() }

/**
 * Create an emulator of IAM, STS and S3. With `statePath`, state is loaded from that file
 * (and the journal beside it) when it exists: the default account and its root key come from
 * the file then. Every state-changing request is journaled before it is answered (see
 * state/store.ts); `save()` writes a snapshot. A state path that cannot be used throws
 * StateFileError (path and reason).
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const clock = options.clock ?? systemClock
  const opened = options.statePath
    ? StateStore.open({
        path: options.statePath,
        ...(options.stateSync ? { sync: options.stateSync } : {}),
        ...(options.onStateMessage ? { onWarning: options.onStateMessage, onError: options.onStateMessage } : {}),
        ...(options.stateCompactAfterBytes ? { compactAfterBytes: options.stateCompactAfterBytes } : {}),
      })
    : undefined
  const store = opened?.store
  const loaded = opened?.state
  const state = loaded ?? emptyState()
  store?.attach(state)
  // Accounts made here are journaled (and fsynced) before the emulator is handed out.
  const change = <T>(fn: () => T): T => {
    if (!store) return fn()
    try {
      return store.changeSync(fn)
    } catch (err) {
      if (err instanceof StateSaveError) throw new StateFileError('STATE_UNWRITABLE', err.path, err.message)
      throw err
    }
  }
  const seed = options.seed
  if (seed && options.accountId !== undefined && options.accountId !== seed.snapshot.AccountId) {
    throw new InputError('snapshot-conflict', `${seed.file} is a snapshot of account ${seed.snapshot.AccountId}, not of ${options.accountId}`, {
      hint: 'pin the snapshot\'s account (account: in the scenario, --account for serve) or none',
    })
  }
  const defaultAccountId = seed?.snapshot.AccountId ?? options.accountId ?? DEFAULT_ACCOUNT_ID
  if (!state.accounts.has(defaultAccountId)) {
    change(() =>
      addAccount(state, {
        accountId: defaultAccountId,
        accessKeyId: options.rootAccessKeyId ?? EXAMPLE_ROOT_KEY.accessKeyId,
        secretAccessKey: options.rootSecretAccessKey ?? EXAMPLE_ROOT_KEY.secretAccessKey,
        now: clock.now(),
      }),
    )
  }
  // A state file that already holds the account was seeded when it was new: it is not seeded again.
  if (seed && !loaded?.accounts.has(seed.snapshot.AccountId)) change(() => seedAccount(state, seed.snapshot, seed.file))
  if (!loaded) for (let i = 0; i < (options.extraAccounts ?? 0); i++) change(() => addAccount(state, { now: clock.now() }))

  const rt: Runtime = {
    state,
    clock,
    region: options.region ?? 'us-east-1',
    consistencyDelayMs: options.consistencyDelayMs ?? 0,
    quotas: resolveQuotas(options.quotas),
    faults: createFaultInjector(options.faults),
    iamOperations,
    stsOperations,
  }

  const rootOf = (accountId: string): AccountCredentials => {
    const creds = rootCredentials(state).find((c) => c.accountId === accountId)
    if (!creds) throw new Error(`internal error: account ${accountId} has no active root key`)
    return creds
  }

  const serve = (inc: Incoming, route: ReturnType<typeof routeService>, exchange: Exchange): Promise<WireResponse> => {
    if (route === 'iam' || route === 'sts') return handleQuery(rt, inc, route, exchange)
    if (route === 's3') return handleS3(rt, inc, exchange)
    return Promise.resolve(unknownService(route.unknown, inc, exchange))
  }
  /** Run one exchange: journaled with `--state` (a failed save answers as `onSaveFailure` says), logged. */
  const exchangeWith = <R>(inc: Incoming, exchange: Exchange, run: () => Promise<R>, statusOf: (r: R) => number, onSaveFailure: (message: string) => R): Promise<R> => {
    // Without --state and without a log (serve --quiet, embedded runs): the exchange itself, no
    // extra async frame or clock reads on every request.
    if (!store && !options.onRequest) {
      try {
        return run()
      } catch (err) {
        return Promise.reject(err)
      }
    }
    return journaledExchange(inc, exchange, run, statusOf, onSaveFailure)
  }
  const journaledExchange = async <R>(inc: Incoming, exchange: Exchange, run: () => Promise<R>, statusOf: (r: R) => number, onSaveFailure: (message: string) => R): Promise<R> => {
    const started = performance.now()
    let response: R
    if (!store) response = await run()
    else {
      const touches = store.touches()
      response = await store.track(touches, run)
      if (mayMutate(inc.method, exchange.action)) {
        try {
          await store.commit(touches)
        } catch (err) {
          if (!(err instanceof StateSaveError)) throw err
          response = onSaveFailure(err.message)
        }
      } else await store.settled()
    }
    options.onRequest?.(logEntry(exchange, inc.method, statusOf(response), performance.now() - started))
    return response
  }
  const dispatch = (inc: Incoming): Promise<WireResponse> => {
    const route = routeService(inc)
    const exchange: Exchange = { service: typeof route === 'string' ? route : 'unknown', decisions: [] }
    // Neither journal nor log (serve --quiet): the exchange itself, without the three closures
    // exchangeWith takes (what exchangeWith's own fast path does, one frame sooner).
    if (!store && !options.onRequest) {
      try {
        return serve(inc, route, exchange)
      } catch (err) {
        return Promise.reject(err)
      }
    }
    return exchangeWith(
      inc,
      exchange,
      () => serve(inc, route, exchange),
      (r) => r.status,
      (message) => saveFailureResponse(exchange.service, inc.method, inc.now, exchange, message),
    )
  }
  const direct: DirectHandle = {
    handles: (service, operation, input) => (service === 's3' ? s3DirectOperation(operation, input) : directOperation(rt, service, operation)),
    call(req, meta) {
      const exchange: Exchange = { service: req.service, decisions: [] }
      if (req.service === 's3') {
        const inc = s3DirectIncoming(directIncoming(meta, clock.now()), req.operation, req.input, req.region)
        return exchangeWith(
          inc,
          exchange,
          () => handleS3Direct(rt, inc, { operation: req.operation, input: req.input, ...(req.credentials ? { credentials: req.credentials } : {}), region: req.region }, exchange),
          (r) => (r.ok ? (r.status ?? 200) : r.status),
          (why) => {
            // The same answer the wire gives when the journal cannot be written (state/save-failure.ts).
            const error = saveFailureError(why)
            exchange.errorCode = error.code
            return { ok: false, requestId: queryRequestId(), status: error.status, code: error.code, message: error.message, senderFault: false, name: error.code, fields: { Code: error.code } }
          },
        )
      }
      const inc = directIncoming(meta, clock.now())
      const query = { ...req, service: req.service }
      return exchangeWith(
        inc,
        exchange,
        () => handleDirect(rt, inc, query, exchange),
        (r) => (r.ok ? 200 : r.status),
        (why) => {
          // The same answer the wire gives when the journal cannot be written (state/save-failure.ts).
          const error = saveFailureError(why)
          exchange.errorCode = error.code
          return { ok: false, requestId: queryRequestId(), status: error.status, code: error.code, message: error.message, senderFault: false, name: error.code }
        },
      )
    },
    callOwn(req, meta) {
      const inc = directIncoming(meta, clock.now())
      const exchange: Exchange = { service: 'sts', decisions: [] }
      return exchangeWith(
        inc,
        exchange,
        () => handleDirectOwn(rt, inc, req, exchange),
        (r) => (r.ok ? 200 : r.status),
        (why) => {
          const error = saveFailureError(why)
          exchange.errorCode = error.code
          return { ok: false, requestId: queryRequestId(), status: error.status, code: error.code, message: error.message }
        },
      )
    },
  }

  const admissionHost: AdmissionHost = {
    rt,
    dispatch,
    log: (exchange, method, status) => options.onRequest?.(logEntry(exchange, method, status, 0)),
  }
  const door: FrontDoor = {
    admit: (parts, declared, limits) => admit(admissionHost, parts, declared, limits),
    refuse: (parts, error) => refuse(admissionHost, parts, error),
  }

  const emulator: Emulator & { [RAW_HANDLE]: RawHandle; [FRONT_DOOR]: FrontDoor; [STATE]: EmulatorState; [DIRECT]: DirectHandle } = {
    async handle(request: Request, meta?: RequestMeta): Promise<Response> {
      const wire = await dispatch(await readIncoming(request, meta, clock.now()))
      return new Response(wire.body === undefined ? null : (wire.body as ConstructorParameters<typeof Response>[0]), {
        status: wire.status,
        headers: wire.headers,
      })
    },
    [RAW_HANDLE]: (parts: IncomingParts) => dispatch(incomingFrom(parts, clock.now())),
    [FRONT_DOOR]: door,
    [DIRECT]: direct,
    [STATE]: state,
    get root() {
      return rootOf(defaultAccountId)
    },
    createAccount(accountId?: string): AccountCredentials {
      return change(() => addAccount(state, { ...(accountId ? { accountId } : {}), now: clock.now() }))
    },
    accounts: () => rootCredentials(state),
    inventory(accountId?: string): Inventory {
      return inventoryOf(state, accountId ?? defaultAccountId)
    },
    async save(): Promise<SaveSummary | undefined> {
      return store?.save()
    },
    ...(store ? { stateInfo: store.loaded } : {}),
    clock,
    consistencyDelayMs: options.consistencyDelayMs ?? 0,
  }
  return emulator
}

const RAW_HANDLE = Symbol('iamflow.emulator.raw')
const STATE = Symbol('iamflow.emulator.state')

/** The emulator's state, when it is one of ours (tests compare it with what was saved). */
export function stateOf(emulator: Emulator): EmulatorState | undefined {
  return (emulator as Partial<Record<typeof STATE, EmulatorState>>)[STATE]
}

/** Handle transport parts without fetch objects (the HTTP server's fast path). */
export type RawHandle = (parts: IncomingParts) => Promise<WireResponse>

/** The emulator's fetch-free entry point, when it is one of ours. */
export function rawHandler(emulator: Emulator): RawHandle | undefined {
  return (emulator as Partial<Record<typeof RAW_HANDLE, RawHandle>>)[RAW_HANDLE]
}

const DIRECT = Symbol('iamflow.emulator.direct')

/**
 * The emulator's in-process protocol (protocols/direct.ts, protocols/s3-direct.ts): IAM, STS and
 * S3 calls with the SDK's input and output objects, for the embedded target.
 */
export interface DirectHandle {
  /**
   * Whether the call can be made in process (otherwise use the SDK's in-memory path); for S3,
   * with its input (a body or checksum the converter cannot write as the SDK does goes by the SDK).
   */
  handles(service: 'iam' | 'sts' | 's3', operation: string, input?: Record<string, unknown>): boolean
  /** Make the call as a request from `meta` (source address, TLS) would. */
  call(req: Omit<DirectRequest, 'service'> & { service: 'iam' | 'sts' | 's3' }, meta: RequestMeta): Promise<DirectAnswer>
  /** Make one of iamflow's own STS operations (`IamflowIssueOidcToken`) likewise. */
  callOwn(req: DirectOwnRequest, meta: RequestMeta): Promise<DirectOwnAnswer>
}

/** The emulator's in-process entry point, when it is one of ours. */
export function directHandler(emulator: Emulator): DirectHandle | undefined {
  return (emulator as Partial<Record<typeof DIRECT, DirectHandle>>)[DIRECT]
}

const DIRECT_URL = new URL('http://localhost:4566/')
/** Read once: URL's `host` getter is not free, and every in-process call needs it. */
const DIRECT_HOST = DIRECT_URL.host
const NO_HEADERS = new RecordHeaders({})

/** The request an in-process call stands for: a POST from `meta`'s address at `now`. */
function directIncoming(meta: RequestMeta, now: number): Incoming {
  return {
    method: 'POST',
    rawPath: '/',
    query: [],
    headers: NO_HEADERS,
    body: new Uint8Array(0),
    host: DIRECT_HOST,
    ...(meta.sourceIp ? { sourceIp: meta.sourceIp } : {}),
    secure: meta.secure ?? false,
    now,
  }
}

const FRONT_DOOR = Symbol('iamflow.emulator.front-door')

/** What the HTTP server asks before it reads a body (see admission.ts). */
export interface FrontDoor {
  /** Admit a request whose headers have arrived (`parts.body` is empty). */
  admit(parts: IncomingParts, declaredLength: number | undefined, limits: BodyLimits): Admission
  /** Refuse a request for a reason found outside the emulator, in its service's protocol. */
  refuse(parts: IncomingParts, error: AwsServiceError): WireResponse
}

/** The emulator's front door, when it is one of ours. */
export function frontDoor(emulator: Emulator): FrontDoor | undefined {
  return (emulator as Partial<Record<typeof FRONT_DOOR, FrontDoor>>)[FRONT_DOOR]
}

/**
 * A request for a service iamflow does not emulate, answered in that service's protocol so its
 * SDK shows the message: JSON (`{"__type", "message"}`, `x-amzn-ErrorType`) for JSON and
 * REST-JSON calls, the Query XML envelope for a form-encoded Query call.
 */
function unknownService(name: string, inc: Incoming, exchange: Exchange): WireResponse {
  const message = `iamflow does not emulate the '${name}' service: it serves IAM, STS and S3 only.`
  const error = toServiceError(new AwsServiceError('UnknownService', 400, message))
  exchange.errorCode = error.code
  const requestId = queryRequestId()
  const date = new Date(inc.now).toUTCString()
  const contentType = inc.headers.get('content-type') ?? ''
  const queryCall = contentType.startsWith('application/x-www-form-urlencoded') || inc.query.some(([k]) => k === 'Action')
  if (!queryCall) {
    const body = JSON.stringify({ __type: error.code, message, Message: message })
    const json = contentType.includes('x-amz-json') ? contentType.split(';')[0]! : 'application/json'
    return { status: 400, headers: { 'content-type': json, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code, date }, body }
  }
  const xml = queryErrorXml({ ...QUERY_SERVICES.sts, namespace: '' }, error, requestId)
  return { status: 400, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, date }, body: xml }
}
