import { ClientFactory } from '../../aws/clients.js'
import { CredentialHandle, secretsOf } from '../../aws/credentials.js'
import { toOutcome } from '../../aws/errors.js'
import { InfrastructureError, InputError } from '../../errors.js'
import type { AccountInfo } from '../events.js'
import type { Identity } from './identities.js'
import { type AccountFlags, clientsOf, type RunTarget, whoAmI } from './targets.js'
import { type ActionCaller, registryCaller } from './caller.js'

/**
 * A scenario's named accounts (`accounts:`), opened on the run's target: each with its id and its
 * operator. Embedded, the emulator creates the account (root key in hand); on `iamflow serve`
 * the default operator (a root) asks serve for it (`IamflowAccountOperator`: created on first
 * use, the same account and key on every later call with that name, so `cleanup` gets it back);
 * on AWS each account's operator comes from its own profile, and its guard (the id it must be)
 * is checked with GetCallerIdentity before the run makes any other call.
 */

/** What a scenario (or a ledger, for cleanup) says about one named account. */
export interface AccountSpec {
  name: string
  id?: string
  profile?: string
}

/** One opened account. */
export interface AccountTarget {
  name: string
  id: string
  /** Acts as `operator@NAME`; carries its own client factory on AWS (its profile). */
  operator: Identity
  profile?: string
}


export interface OpenedAccounts {
  byName: ReadonlyMap<string, AccountTarget>
  /** What the ledger and reports record: names, ids and profile names, never a key. */
  info: AccountInfo[]
  /** The accounts' operator secrets, for the scrubber. */
  secrets(): Promise<string[]>
  close(): void
}

/** The identity name of a named account's operator (an `@` no scenario name can contain). */
export function accountOperatorName(account: string): string {
  return `operator@${account}`
}

const NO_ACCOUNTS: OpenedAccounts = { byName: new Map(), info: [], secrets: async () => [], close: () => {} }

/**
 * Open every named account on `target`, in declaration order. `existing`: only accounts that
 * exist already (cleanup): nothing is created.
 */
function notDistinct(name: string, id: string, holder: string, file: string | undefined): InputError {
  return new InputError('accounts-not-distinct', `account ${name} acts in ${id}, which is already ${holder}'s${file ? ` (${file})` : ''}`, {
    hint: 'each account of a scenario must be a different AWS account: check the ids (id:, --account-id), the profiles (--account-profile) and --profile',
  })
}

export async function openAccounts(target: RunTarget, specs: readonly AccountSpec[], opts: { flags?: AccountFlags; file?: string; existing?: boolean } = {}): Promise<OpenedAccounts> {
  const profiles = parseFlags(opts.flags?.profiles ?? [], '--account-profile', 'PROFILE', specs, opts.file)
  const ids = parseFlags(opts.flags?.ids ?? [], '--account-id', 'ID', specs, opts.file)
  if (specs.length === 0) return NO_ACCOUNTS
  const byName = new Map<string, AccountTarget>()
  const factories: ClientFactory[] = []
  const close = () => factories.forEach((f) => f.destroy())
  try {
    for (const spec of specs) {
      const pinned = ids.get(spec.name) ?? spec.id
      // Known before any call: a pinned id that is the target's own account (serve's default
      // account, the --profile's account) is a scenario mistake, not an unavailable account.
      if (pinned !== undefined && pinned === target.info.account) throw notDistinct(spec.name, pinned, 'the default account', opts.file)
      const account = await openOne(target, { ...spec, ...(pinned ? { id: pinned } : {}), ...(profiles.has(spec.name) ? { profile: profiles.get(spec.name) } : {}) }, opts, factories)
      const clash = account.id === target.info.account ? 'the default account' : [...byName.values()].find((a) => a.id === account.id)?.name
      if (clash) throw notDistinct(spec.name, account.id, clash === 'the default account' ? clash : `account ${clash}`, opts.file)
      byName.set(spec.name, account)
    }
  } catch (err) {
    close()
    throw err
  }
  return {
    byName,
    info: [...byName.values()].map((a) => ({ name: a.name, id: a.id, ...(a.profile ? { profile: a.profile } : {}) })),
    secrets: async () => {
      const out: string[] = []
      for (const a of byName.values()) {
        if (a.operator.handle) out.push(...secretsOf(a.operator.handle))
        else if (a.operator.factory) out.push(...(await a.operator.factory.operatorSecrets()))
      }
      return out
    },
    close,
  }
}

async function openOne(target: RunTarget, spec: AccountSpec, opts: { file?: string; existing?: boolean }, factories: ClientFactory[]): Promise<AccountTarget> {
  const operatorOf = (id: string, arn: string, extra: Partial<Identity>): AccountTarget => ({
    name: spec.name,
    id,
    operator: { name: accountOperatorName(spec.name), arn, issuedAt: 0, source: 'operator', ...extra },
    ...(spec.profile && target.info.kind === 'aws' ? { profile: spec.profile } : {}),
  })
  switch (target.info.kind) {
    case 'embedded': {
      const emulator = target.emulator
      if (!emulator) throw new Error('internal error: an embedded target without its emulator')
      let root = spec.id !== undefined ? emulator.accounts().find((a) => a.accountId === spec.id) : undefined
      if (!root) {
        if (opts.existing) throw new InfrastructureError('account-unavailable', `account ${spec.name} (${spec.id ?? 'no id'}) is not in the emulator's state`, { hint: 'clean up with the --state file the run used' })
        root = emulator.createAccount(spec.id)
      }
      const handle = CredentialHandle.seal(accountOperatorName(spec.name), { accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey })
      return operatorOf(root.accountId, `arn:aws:iam::${root.accountId}:root`, { handle })
    }
    case 'endpoint': {
      const clients = target.factory.clientsFor(target.operator.handle)
      let out: Record<string, string>
      try {
        if (!clients.iamflow) throw new Error('no iamflow client')
        out = await clients.iamflow.call('IamflowAccountOperator', { AccountName: spec.name, ...(spec.id ? { AccountId: spec.id } : {}) })
      } catch (err) {
        const o = toOutcome(err)
        // serve refuses an id that another account already has: the scenario's mistake (exit 2).
        if (o.code === 'InvalidParameterValue' && spec.id !== undefined && /already exists/.test(o.message ?? '')) {
          throw notDistinct(spec.name, spec.id, 'another account on the endpoint', opts.file)
        }
        // serve already holds this named account, under another id than the one pinned.
        if (o.code === 'InvalidParameterValue' && spec.id !== undefined && / is \d{12}, not \d{12}\.$/.test(o.message ?? '')) {
          throw new InputError('account-mismatch', `account ${spec.name} must be ${spec.id}, but ${target.info.endpoint} holds it as another account: ${o.message}`, {
            hint: `drop the id (id: or --account-id) to use the account serve holds, or give the account another name`,
          })
        }
        throw new InfrastructureError('account-unavailable', `cannot get the operator of account ${spec.name} from ${target.info.endpoint}: ${o.code}: ${o.message}`, {
          hint:
            o.code === 'InvalidAction'
              ? 'named accounts need iamflow serve as the endpoint (it hands over their operators); on AWS use --target aws with --account-profile'
              : "the operator must be an account's root user (the keys iamflow serve prints)",
          cause: err,
        })
      }
      const id = out.AccountId
      if (!id || !out.AccessKeyId || !out.SecretAccessKey) throw new InfrastructureError('account-unavailable', `${target.info.endpoint} answered no operator for account ${spec.name}`)
      const handle = CredentialHandle.seal(accountOperatorName(spec.name), { accessKeyId: out.AccessKeyId, secretAccessKey: out.SecretAccessKey })
      return operatorOf(id, `arn:aws:iam::${id}:root`, { handle })
    }
    case 'aws': {
      if (!spec.profile) {
        throw new InputError('account-profile-required', `account ${spec.name}${opts.file ? ` of ${opts.file}` : ''} has no credentials on AWS`, {
          hint: `give --account-profile ${spec.name}=PROFILE, or profile: under accounts.${spec.name}`,
        })
      }
      const factory = new ClientFactory({ kind: 'aws', region: target.info.region, profile: spec.profile })
      factories.push(factory)
      const caller = await whoAmI(factory, 'AWS')
      if (spec.id === undefined) {
        throw new InputError('account-required', `refusing to act in account ${spec.name} on real AWS without naming it`, {
          hint: `add --account-id ${spec.name}=${caller.account} (the account of profile ${spec.profile}) or id: under accounts.${spec.name}`,
        })
      }
      if (spec.id !== caller.account) {
        throw new InputError('account-mismatch', `account ${spec.name} must be ${spec.id}, but profile ${spec.profile} acts in ${caller.account} (${caller.arn})`, {
          hint: `check --account-profile ${spec.name}=PROFILE: iamflow only acts in the accounts you name`,
        })
      }
      return operatorOf(caller.account, caller.arn, { factory })
    }
    default: {
      const unreachable: never = target.info.kind
      return unreachable
    }
  }
}

/** `NAME=VALUE` flags -> map; a bad pair or a name the scenario does not declare is an error. */
function parseFlags(flags: readonly string[], flag: string, what: string, specs: readonly AccountSpec[], file?: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const pair of flags) {
    const eq = pair.indexOf('=')
    const name = eq > 0 ? pair.slice(0, eq) : ''
    const value = eq > 0 ? pair.slice(eq + 1) : ''
    if (!name || !value) throw new InputError('bad-account-flag', `${flag} ${pair} is not NAME=${what}`, { hint: `e.g. ${flag} trusted=${what === 'ID' ? '222222222222' : 'lab-trusted'}` })
    if (what === 'ID' && !/^\d{12}$/.test(value)) throw new InputError('bad-account-flag', `${flag} ${pair}: ${value} is not a 12-digit account id`, { hint: `e.g. ${flag} ${name}=222222222222` })
    if (!specs.some((s) => s.name === name)) {
      throw new InputError('unknown-account', `${flag} ${pair}: ${file ?? 'the scenario'} declares no account ${name}`, {
        hint: specs.length > 0 ? `its accounts: ${specs.map((s) => s.name).join(', ')}` : 'it declares no accounts: (accounts:)',
      })
    }
    out.set(name, value)
  }
  return out
}

/**
 * Teardown's callers for named accounts: each account's records are undone by its own operator.
 * A record naming an account the run did not open (a hand-edited ledger) gets a caller that
 * fails, so the record stays a leftover instead of being undone as someone else.
 */
export function accountCallers(accounts: OpenedAccounts, target: RunTarget, signal?: AbortSignal): { call(account: string): ActionCaller; id(account: string): string } {
  const callers = new Map<string, ActionCaller>()
  for (const a of accounts.byName.values()) callers.set(a.name, registryCaller(() => clientsOf(target, a.operator), signal))
  const missing = (account: string): ActionCaller => async () => ({ ok: false, outcome: { kind: 'infra', code: 'UnknownAccount', message: `the run has no operator for account ${account}`, aborted: false } })
  return {
    call: (account) => callers.get(account) ?? missing(account),
    id: (account) => accounts.byName.get(account)?.id ?? '000000000000',
  }
}
