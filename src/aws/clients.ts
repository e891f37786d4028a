import type { IAMClient, IAMClientConfig } from '@aws-sdk/client-iam'
import type { S3Client } from '@aws-sdk/client-s3'
import type { RetryStrategyV2, RetryToken } from '@smithy/types'
import type { STSClient } from '@aws-sdk/client-sts'
import type { AwsCall, AwsClients, AwsService } from '../actions/define-action.js'
import { sdkModule as commandModule, sendOperation } from '../actions/sdk-modules.js'
import { directCall, goesDirect, type DirectRoute, type DirectServiceError } from './direct.js'
import { iamflowClient, iamflowDirectClient } from './emulator-call.js'
import { CredentialHandle, openCredentials, secretsOf } from './credentials.js'
import { DECISION_HEADER, type DecisionTrace, headerOf, parseDecisionHeader } from './errors.js'

// iamflow supports Node >= 20.19; the SDK's notice about its own future Node floor would print
// on every run and teaches the lab user nothing. An explicit user setting still wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

/** Where the clients send requests. */
export interface ClientTarget {
  kind: 'embedded' | 'endpoint' | 'aws'
  region: string
  /** Base URL for `endpoint` (and a nominal one for `embedded`); undefined on AWS. */
  endpoint?: string
  /** The in-memory smithy handler of the embedded emulator. */
  requestHandler?: IAMClientConfig['requestHandler']
  /** Named profile for the operator's credential chain (`--profile`). */
  profile?: string
  /** SDK attempts per call, retries of throttling/5xx included (default 10 off AWS, 5 on AWS). */
  maxAttempts?: number
  /**
   * The embedded emulator's in-process route: IAM, STS and S3 calls made through `AwsClients.call`
   * skip the SDK (src/aws/direct.ts). Without it every call goes through the SDK clients.
   */
  direct?: DirectRoute
}

/**
 * Off AWS (the emulator, `iamflow serve`), throttling and 5xx come from fault injection at rates
 * far above AWS's (issue 9 tests 20% + 5%): with the SDK's 3 attempts one call in 64 fails and
 * most runs of a lab lose a step. Retries against a local endpoint are cheap: allow 10, with
 * short backoff (AWS's 0.5-20 s throttling backoff only slows a lab down here).
 */
const LOCAL_MAX_ATTEMPTS = 10

/**
 * The SDK classifies IAM's quota error `LimitExceeded` (LimitExceededException) as throttling
 * and retries it; it is an answer (too many versions, keys, ...), not a transient state.
 */
const NOT_TRANSIENT = new Set(['LimitExceededException', 'LimitExceeded'])

/** The backoff before local retry `count`: short and jittered. */
function localRetryDelay(count: number): number {
  return Math.round(Math.random() * Math.min(1000, 20 * 2 ** count))
}

/** Retry strategy for local targets: throttling, transient and 5xx errors, quickly, up to `maxAttempts`. */
function localRetryStrategy(maxAttempts: number): RetryStrategyV2 {
  const token = (count: number, delay: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => delay })
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous, info) => {
      const count = previous.getRetryCount() + 1
      const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT' || info.errorType === 'SERVER_ERROR'
      if (!retryable || count >= maxAttempts || NOT_TRANSIENT.has(info.error?.name ?? '')) throw new Error('no retry')
      return token(count, localRetryDelay(count))
    },
    recordSuccess: () => {},
  }
}

/** The SDK's throttling error names (@smithy/core's service-error-classification). */
const THROTTLING_NAMES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
])
const TRANSIENT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'])

/**
 * What localRetryStrategy retries, for an error answered in process: the SDK's THROTTLING
 * (a throttling name, 429), TRANSIENT (a timeout name, 500/502/503/504) and SERVER_ERROR (any
 * 5xx) kinds, but never the quota error.
 */
function locallyRetryable(error: DirectServiceError): boolean {
  if (NOT_TRANSIENT.has(error.name)) return false
  const status = error.$metadata.httpStatusCode
  return THROTTLING_NAMES.has(error.name) || TRANSIENT_NAMES.has(error.name) || status === 429 || (status >= 500 && status <= 599)
}

/** SDK settings fixed for local targets (embedded emulator, `iamflow serve`). */
const LOCAL_FIXED_CONFIG = {
  useFipsEndpoint: false,
  useDualstackEndpoint: false,
  disableRequestCompression: true,
  userAgentAppId: 'iamflow',
  authSchemePreference: [] as string[],
} as const

const decisions = new WeakMap<object, DecisionTrace>()
const delays = new WeakMap<object, number>()

/** The header by which `iamflow serve` advertises its consistency delay (mirrors emulator/types.ts). */
export const CONSISTENCY_DELAY_HEADER = 'x-iamflow-consistency-delay'

/** The consistency delay (ms) the endpoint advertised with this output; undefined off `iamflow serve`. */
export function consistencyDelayOfOutput(output: unknown): number | undefined {
  return typeof output === 'object' && output !== null ? delays.get(output) : undefined
}

/** The emulator's decision for a successful call's output (undefined off the emulator). */
export function decisionOfOutput(output: unknown): DecisionTrace | undefined {
  return typeof output === 'object' && output !== null ? decisions.get(output) : undefined
}

/**
 * The ONE place SDK clients are built. One factory per run and target; `clientsFor(handle)`
 * returns the clients acting as that identity (or the operator when `handle` is undefined),
 * built lazily per service and cached per identity.
 */
export class ClientFactory {
  private readonly cache = new Map<CredentialHandle | undefined, { clients: AwsClients; sdk: SdkClients; built: Map<string, Promise<SdkLike>> }>()

  /**
   * @param target where requests go and how they are retried
   * @param operator the operator's credentials, or undefined to use the SDK's standard chain
   *   (env, shared files, SSO, process, IMDS) with `target.profile`.
   */
  constructor(
    readonly target: ClientTarget,
    readonly operator?: CredentialHandle,
  ) {}

  /** Clients acting as `handle` (default: the operator). */
  clientsFor(handle?: CredentialHandle): AwsClients {
    return this.entry(handle).clients
  }

  private entry(handle?: CredentialHandle) {
    const key = handle ?? this.operator
    let entry = this.cache.get(key)
    if (!entry) {
      const built = new Map<string, Promise<SdkLike>>()
      entry = { ...this.build(key, built), built }
      this.cache.set(key, entry)
    }
    return entry
  }

  /**
   * The operator's secret key and session token, for scrubbing output (never for display): the
   * sealed handle's, or what the standard chain resolves to (env, profile, SSO, IMDS). Empty
   * when the chain resolves nothing (then nothing can leak, and the first call will say why).
   */
  async operatorSecrets(): Promise<string[]> {
    if (this.operator) return secretsOf(this.operator)
    try {
      const sts = await this.entry().sdk.sts()
      const resolve = sts.config.credentials as () => Promise<{ secretAccessKey?: string; sessionToken?: string }>
      const identity = await resolve()
      return [identity.secretAccessKey, identity.sessionToken].filter((s): s is string => typeof s === 'string' && s.length > 0)
    } catch {
      return []
    }
  }

  /** Close every client's sockets (HTTP targets). */
  destroy(): void {
    for (const { built } of this.cache.values()) {
      for (const client of built.values()) {
        client.then(
          (c) => c.destroy(),
          () => {},
        )
      }
    }
    this.cache.clear()
  }

  private build(handle: CredentialHandle | undefined, built: Map<string, Promise<SdkLike>>): { clients: AwsClients; sdk: SdkClients } {
    const config = this.baseConfig(handle)
    const onAws = this.target.kind === 'aws'
    // The SDK packages are loaded when a call first needs one (never, for IAM and STS on the
    // embedded target): importing them is a large share of a cold start.
    const client = <T extends SdkLike>(name: AwsService, make: () => Promise<T>): Promise<T> => {
      let made = built.get(name) as Promise<T> | undefined
      if (!made) {
        made = make().then((c) => (addDecisionCapture(c), c))
        built.set(name, made)
      }
      return made
    }
    const sdk: SdkClients = {
      iam: () => client('iam', async () => new ((await commandModule('iam')) as typeof import('@aws-sdk/client-iam')).IAMClient(config)),
      sts: () => client('sts', async () => new ((await commandModule('sts')) as typeof import('@aws-sdk/client-sts')).STSClient(config)),
      s3: () =>
        client(
          's3',
          async () =>
            new ((await commandModule('s3')) as typeof import('@aws-sdk/client-s3')).S3Client({
              ...config,
              forcePathStyle: !onAws,
              ...(onAws ? {} : { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const }),
            }),
        ),
    }
    const endpoint = onAws ? undefined : this.target.endpoint
    const direct = this.target.direct
    const maxAttempts = this.target.maxAttempts ?? LOCAL_MAX_ATTEMPTS
    const region = this.target.region
    let credentials: { accessKeyId: string; sessionToken?: string } | undefined
    const call = ((service, operation, input, signal) => {
      if (handle && goesDirect(direct, service, operation, input as Record<string, unknown>)) {
        credentials ??= directCredentials(handle)
        return directCall(
          { route: direct!, credentials, region, maxAttempts, retryDelay: localRetryDelay, retryable: locallyRetryable, onDecision: rememberDecision },
          service,
          operation,
          input as Record<string, unknown>,
          signal,
        )
      }
      return sendOperation(clients, service, operation, input as Record<string, unknown>, signal)
    }) as AwsCall
    const sender = <C extends SdkLike>(made: () => Promise<C>) => ({
      send: (command: unknown, options?: unknown) => made().then((c) => c.send(command, options)),
    })
    const clients: AwsClients = {
      call,
      ...(direct && handle
        ? { iamflow: iamflowDirectClient(direct, () => (credentials ??= directCredentials(handle)), region, maxAttempts) }
        : endpoint
          ? { iamflow: iamflowClient(sdk.sts, endpoint) }
          : {}),
      iam: sender(sdk.iam) as AwsClients['iam'],
      sts: sender(sdk.sts) as AwsClients['sts'],
      s3: sender(sdk.s3) as AwsClients['s3'],
    }
    return { clients, sdk }
  }

  private baseConfig(handle: CredentialHandle | undefined) {
    const t = this.target
    const onAws = t.kind === 'aws'
    return {
      region: t.region,
      ...(t.endpoint && !onAws ? { endpoint: t.endpoint } : {}),
      ...(t.requestHandler ? { requestHandler: t.requestHandler } : {}),
      ...(t.profile && !handle ? { profile: t.profile } : {}),
      retryMode: onAws ? 'adaptive' : 'standard',
      maxAttempts: t.maxAttempts ?? (onAws ? 5 : LOCAL_MAX_ATTEMPTS),
      ...(onAws ? {} : { retryStrategy: localRetryStrategy(t.maxAttempts ?? LOCAL_MAX_ATTEMPTS) }),
      ...(handle ? { credentials: credentialsOf(handle) } : {}),
      // Off AWS these settings are ours to fix; left unset, every new client resolves each one
      // through the env-then-shared-config chain (a thrown ProviderError and a file read per
      // setting), a large share of a warm embedded run.
      ...(onAws ? {} : LOCAL_FIXED_CONFIG),
    }
  }
}

/** What the factory needs of an SDK client. */
interface SdkLike {
  send(command: unknown, options?: unknown): Promise<unknown>
  destroy(): void
  middlewareStack: { add: Function }
}

/** The SDK clients of one identity, made on first use. */
interface SdkClients {
  iam(): Promise<IAMClient>
  sts(): Promise<STSClient>
  s3(): Promise<S3Client>
}

/** The key id and token a direct call is made with (the secret is never needed: nothing is signed). */
function directCredentials(handle: CredentialHandle): { accessKeyId: string; sessionToken?: string } {
  const c = openCredentials(handle)
  return { accessKeyId: c.accessKeyId, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) }
}

/** Remember the emulator's decision (the JSON of its decision header) for an output answered in process. */
function rememberDecision(output: object, header: string): void {
  const decision = parseDecisionHeader(header)
  if (decision) decisions.set(output, decision)
}

function credentialsOf(handle: CredentialHandle) {
  const c = openCredentials(handle)
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
    ...(c.expiration ? { expiration: c.expiration } : {}),
  }
}

/** Remember the emulator's decision header of each successful response, keyed by the output. */
function addDecisionCapture(client: { middlewareStack: { add: Function } }): void {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<{ output: unknown; response: unknown }>) => async (args: unknown) => {
      const result = await next(args)
      const decision = parseDecisionHeader(headerOf(result.response, DECISION_HEADER))
      if (decision && typeof result.output === 'object' && result.output !== null) decisions.set(result.output, decision)
      const delay = headerOf(result.response, CONSISTENCY_DELAY_HEADER)
      if (delay !== undefined && /^\d{1,10}$/.test(delay) && typeof result.output === 'object' && result.output !== null) delays.set(result.output, Number(delay))
      return result
    },
    { step: 'initialize', name: 'iamflowDecisionCapture', override: true },
  )
}
