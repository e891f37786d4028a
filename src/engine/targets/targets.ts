import { ClientFactory, consistencyDelayOfOutput } from '../../aws/clients.js'
import { CredentialHandle } from '../../aws/credentials.js'
import { toOutcome } from '../../aws/errors.js'
import type { Emulator } from '../../emulator/types.js'
import { readSnapshotFile } from '../../emulator/snapshot/parse.js'
import { InfrastructureError, InputError } from '../../errors.js'
import type { TargetInfo } from '../events.js'
import type { Identity } from './identities.js'

/** `run --account-profile NAME=PROFILE` and `--account-id NAME=ID` (AWS only), as given. */
export interface AccountFlags {
  profiles?: string[]
  ids?: string[]
}

/** How the user chose the target (CLI flags / environment). */
export interface TargetOptions {
  /** `aws` = real AWS; otherwise the embedded emulator, or `endpointUrl` when given. */
  target?: 'embedded' | 'aws'
  /** Any AWS-compatible endpoint (`--endpoint-url`, `AWS_ENDPOINT_URL`), e.g. `iamflow serve`. */
  endpointUrl?: string
  /** Embedded emulator state file to load and save (`--state`). */
  statePath?: string
  /** Embedded emulator consistency delay (`--consistency-delay ms`). */
  consistencyDelayMs?: number
  region?: string
  profile?: string
  /** `--account ID`: the account real-AWS runs must act in. */
  account?: string
  /** Override the default propagation window (ms). */
  windowMs?: number
  /** `--account-profile` / `--account-id NAME=VALUE` for a scenario's named accounts (AWS only). */
  accountFlags?: AccountFlags
  /**
   * How the embedded target makes IAM, STS and S3 calls: `direct` (default) hands the SDK-shaped
   * input straight to the emulator (src/aws/direct.ts); `sdk` sends every call
   * through the SDK clients over the in-memory handler (signing, XML, every middleware), the
   * reference the direct path is proven equal to (test/embedded-direct.test.ts).
   */
  embeddedPath?: 'direct' | 'sdk'
  /** Options passed to the embedded emulator as is (tests: clock, faults). */
  emulator?: Record<string, unknown>
  /**
   * An account snapshot to start from (`run --snapshot`, a scenario's `snapshot:`): the embedded
   * emulator is seeded with it; an endpoint must already act in its account (serve --import).
   */
  snapshotPath?: string
}

/** An opened target: clients, the operator, and what the ledger records about it. */
export interface RunTarget {
  info: TargetInfo
  factory: ClientFactory
  operator: Identity
  /** Default propagation window in ms (0 = never wait). */
  defaultWindowMs: number
  /** State outlives the process (endpoint, AWS, `--state`): ledger is fsynced, cleanup is possible. */
  persistent: boolean
  /** The named-account flags the run was given (openAccounts reads them per scenario). */
  accountFlags?: AccountFlags
  /** The embedded emulator (inventory checks, save). */
  emulator?: Emulator
  /** The snapshot the target was seeded with (embedded) or checked against (an endpoint). */
  snapshot?: string
  /** Save emulator state (with `--state`) and release sockets. */
  close(): Promise<void>
}

/** The nominal URL the embedded emulator's in-memory handler receives (no socket is opened). */
export const EMBEDDED_ENDPOINT = 'http://localhost:4566'

const AWS_WINDOW_MS = 60_000

/**
 * How embedded requests look to the emulator: from loopback, and over TLS, as the SDK's
 * requests to AWS's HTTPS endpoints are (so `aws:SecureTransport` is true, and AWS's standard
 * "deny plain HTTP" bucket statement lets them through). `iamflow serve` without `--tls` stays
 * plain HTTP: there `aws:SecureTransport` is false.
 */
const EMBEDDED_META = { sourceIp: '127.0.0.1', secure: true } as const

/** Open the target the options describe. */
export async function openTarget(opts: TargetOptions): Promise<RunTarget> {
  const endpoint = opts.endpointUrl || (opts.target === 'aws' ? undefined : process.env.AWS_ENDPOINT_URL || undefined)
  if (opts.snapshotPath !== undefined && opts.target === 'aws') {
    throw new InputError('emulator-only', `the account snapshot ${opts.snapshotPath} can only be loaded into the iamflow emulator, not used on real AWS`, {
      hint: 'run on the embedded emulator (omit --target aws), or against iamflow serve --import FILE',
    })
  }
  const opened = opts.target === 'aws' ? await openAws(opts) : endpoint ? await openEndpoint(opts, endpoint) : await openEmbedded(opts)
  const target = opts.snapshotPath !== undefined ? { ...opened, snapshot: opts.snapshotPath } : opened
  if (opts.snapshotPath !== undefined && opened.info.kind === 'endpoint') {
    try {
      checkSnapshotAccount(target, opts.snapshotPath, '--snapshot')
    } catch (err) {
      await target.close()
      throw err
    }
  }
  return opts.accountFlags ? { ...target, accountFlags: opts.accountFlags } : target
}

/** Clients acting as `identity`: its own factory (a named account's profile on AWS), else the target's. */
export function clientsOf(target: RunTarget, identity: Identity) {
  return (identity.factory ?? target.factory).clientsFor(identity.handle)
}

async function openEmbedded(opts: TargetOptions): Promise<RunTarget> {
  const { createEmulator, createInMemoryHandler, directHandler, StateFileError, StateSaveError } = await import('../../emulator/index.js')
  const delay = opts.consistencyDelayMs ?? 0
  let emulator: Emulator
  try {
    const seed = opts.snapshotPath !== undefined ? { seed: { snapshot: readSnapshotFile(opts.snapshotPath), file: opts.snapshotPath } } : {}
    emulator = createEmulator({ ...(opts.emulator ?? {}), consistencyDelayMs: delay, ...(opts.statePath ? { statePath: opts.statePath } : {}), ...seed })
  } catch (err) {
    // A state path that cannot be used is bad input (exit 2), named, without a stack trace.
    if (err instanceof StateFileError) throw new InputError(err.code, err.message, { ...(err.hint ? { hint: err.hint } : {}) })
    throw err
  }
  const root = emulator.root
  const handle = CredentialHandle.seal('operator', { accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey })
  const region = opts.region ?? 'us-east-1'
  const transport = opts.embeddedPath === 'sdk' ? undefined : directHandler(emulator)
  const factory = new ClientFactory(
    {
      kind: 'embedded',
      region,
      endpoint: EMBEDDED_ENDPOINT,
      requestHandler: createInMemoryHandler(emulator, EMBEDDED_META),
      ...(transport ? { direct: { transport, meta: EMBEDDED_META } } : {}),
    },
    handle,
  )
  const arn = `arn:aws:iam::${root.accountId}:root`
  return {
    info: { kind: 'embedded', region, account: root.accountId, operatorArn: arn, ...(opts.statePath ? { statePath: opts.statePath } : {}), ...(delay ? { consistencyDelayMs: delay } : {}) },
    factory,
    operator: { name: 'operator', handle, arn, issuedAt: 0, source: 'operator' },
    defaultWindowMs: opts.windowMs ?? delayWindowMs(delay),
    persistent: opts.statePath !== undefined,
    emulator,
    close: async () => {
      try {
        await emulator.save()
      } catch (err) {
        if (!(err instanceof StateSaveError)) throw err
        throw new InfrastructureError('STATE_NOT_SAVED', err.message, { hint: 'free disk space or fix permissions, then run `iamflow cleanup` with the same --state' })
      }
    },
  }
}

async function openEndpoint(opts: TargetOptions, endpoint: string): Promise<RunTarget> {
  try {
    new URL(endpoint)
  } catch {
    throw new InputError('bad-endpoint', `--endpoint-url ${endpoint} is not a URL`, { hint: 'give a full URL such as http://127.0.0.1:4566' })
  }
  const region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'
  const factory = new ClientFactory({ kind: 'endpoint', region, endpoint, ...(opts.profile ? { profile: opts.profile } : {}) })
  const caller = await whoAmI(factory, `the endpoint ${endpoint}`)
  return {
    info: { kind: 'endpoint', region, endpoint, account: caller.account, operatorArn: caller.arn, ...(opts.profile ? { profile: opts.profile } : {}) },
    factory,
    operator: { name: 'operator', arn: caller.arn, issuedAt: 0, source: 'operator' },
    // `iamflow serve` says how long its changes take to propagate; anything else may be AWS-like.
    defaultWindowMs: opts.windowMs ?? (caller.consistencyDelayMs !== undefined ? delayWindowMs(caller.consistencyDelayMs) : AWS_WINDOW_MS),
    persistent: true,
    close: async () => factory.destroy(),
  }
}

/** The propagation window for an emulator with this consistency delay: twice it plus 1 s, 0 without one. */
export function delayWindowMs(delayMs: number): number {
  return delayMs > 0 ? delayMs * 2 + 1000 : 0
}

async function openAws(opts: TargetOptions): Promise<RunTarget> {
  const region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'
  const factory = new ClientFactory({ kind: 'aws', region, ...(opts.profile ? { profile: opts.profile } : {}) })
  const caller = await whoAmI(factory, 'AWS')
  if (opts.account !== undefined && opts.account !== caller.account) {
    factory.destroy()
    throw new InputError('account-mismatch', `--account ${opts.account} does not match the credentials' account ${caller.account} (${caller.arn})`, {
      hint: 'check --profile / AWS_PROFILE: iamflow only runs against the account you name',
    })
  }
  return {
    info: { kind: 'aws', region, account: caller.account, operatorArn: caller.arn, ...(opts.profile ? { profile: opts.profile } : {}) },
    factory,
    operator: { name: 'operator', arn: caller.arn, issuedAt: 0, source: 'operator' },
    defaultWindowMs: opts.windowMs ?? AWS_WINDOW_MS,
    persistent: true,
    close: async () => factory.destroy(),
  }
}

/**
 * Real-AWS safety: a run may start only when `--account` or the scenario's `account:` names the
 * account the credentials belong to. Off AWS, a pinned `account:` must still match.
 */
export function checkAccount(target: RunTarget, scenario: { account?: string; file: string; snapshot?: string }, cliAccount?: string): void {
  const actual = target.info.account
  // A scenario's snapshot: the target was seeded with a snapshot (run --snapshot wins), or it must act in the snapshot's account.
  if (scenario.snapshot !== undefined && target.snapshot === undefined) checkSnapshotAccount(target, scenario.snapshot, scenario.file)
  if (scenario.account !== undefined && scenario.account !== actual && target.info.kind !== 'embedded') {
    throw new InputError('account-mismatch', `${scenario.file} pins account ${scenario.account}, but the credentials act in ${actual}`, {
      hint: 'use credentials of the pinned account, or remove account: from the scenario',
    })
  }
  if (target.info.kind === 'aws' && scenario.account === undefined && cliAccount === undefined) {
    throw new InputError('account-required', `refusing to run ${scenario.file} against real AWS without naming the account`, {
      hint: `add --account ${actual} (the account of ${target.info.operatorArn}) or pin account: in the scenario`,
    })
  }
}

/** The caller's account and ARN (GetCallerIdentity); `target-unreachable` when it cannot tell. */
export async function whoAmI(factory: ClientFactory, where: string): Promise<{ account: string; arn: string; consistencyDelayMs?: number }> {
  try {
    const out = await factory.clientsFor().call('sts', 'GetCallerIdentity', {})
    if (!out.Account || !out.Arn) throw new Error('GetCallerIdentity returned no account')
    const delay = consistencyDelayOfOutput(out)
    return { account: out.Account, arn: out.Arn, ...(delay !== undefined ? { consistencyDelayMs: delay } : {}) }
  } catch (err) {
    factory.destroy()
    const o = toOutcome(err)
    throw new InfrastructureError('target-unreachable', `cannot identify the operator on ${where}: ${o.code}: ${o.message}`, {
      hint:
        where === 'AWS'
          ? 'configure credentials (aws configure / AWS_PROFILE / --profile, or aws sso login) and try again'
          : 'is the endpoint running? Set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY to credentials it accepts (iamflow serve prints them)',
      cause: err,
    })
  }
}

/**
 * A target not seeded here (an endpoint, a shared `--state` emulator) must already act in the
 * snapshot's account: `iamflow serve --import FILE` started from it. Real AWS never: a snapshot
 * is a copy for the emulator.
 */
function checkSnapshotAccount(target: RunTarget, snapshotPath: string, who: string): void {
  if (target.info.kind === 'aws') {
    throw new InputError('emulator-only', `${who} starts from the account snapshot ${snapshotPath}, which only the iamflow emulator can load`, {
      hint: 'run on the embedded emulator (omit --target aws), or against iamflow serve --import FILE',
    })
  }
  const account = readSnapshotFile(snapshotPath).AccountId
  if (account === target.info.account) return
  throw new InputError('snapshot-conflict', `${who} starts from ${snapshotPath}, a snapshot of account ${account}, but the target acts in account ${target.info.account}`, {
    hint:
      target.info.kind === 'endpoint'
        ? `start the endpoint from it: iamflow serve --import ${snapshotPath}`
        : 'run each such scenario on a fresh embedded emulator (without --state), or give run --snapshot FILE',
  })
}
