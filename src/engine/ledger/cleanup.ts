import { InputError } from '../../errors.js'
import { registryCaller } from '../targets/caller.js'
import type { TeardownItem, TeardownResult } from '../events.js'
import { Ledger } from './ledger.js'
import { recoverIntent } from './recovery.js'
import { isRunId } from './run-id.js'
import { type RunRecord, readRunRecord } from './run-records.js'
import { type TargetOptions, openTarget } from '../targets/targets.js'
import { teardown } from './teardown.js'
import { accountCallers, openAccounts } from '../targets/accounts.js'

export interface CleanupOptions {
  runsDir: string
  /** Credentials-related overrides (profile, region); the target itself comes from the ledger. */
  overrides?: Pick<TargetOptions, 'profile' | 'region' | 'endpointUrl'> & {
    /** `--account-profile NAME=PROFILE`: another profile for the run's named account NAME (AWS runs). */
    accountProfiles?: string[]
  }
  /** Clean even when the run's process still seems alive (pid reused). */
  force?: boolean
  signal?: AbortSignal
  onItem?(item: TeardownItem): void
  /** Teardown attempts per undo (tests shorten them). */
  attempts?: number
  minTimeoutMs?: number
}

/** What cleaning one run did. */
export interface CleanupResult {
  record: RunRecord
  /** undefined when there was nothing to do or nothing can be done (ephemeral emulator). */
  teardown?: TeardownResult
  note?: string
}

/**
 * Finish a run's teardown from its ledger (after a crash, Ctrl-C twice, or `--keep`), against the
 * target the ledger names: the same endpoint, the same `--state` file, or AWS (credentials must
 * act in the account the run used).
 */
export async function cleanupRun(runId: string, opts: CleanupOptions): Promise<CleanupResult> {
  if (!isRunId(runId)) throw new InputError('bad-run-id', `${runId} is not a run id`, { hint: '`iamflow runs` lists them' })
  let record: RunRecord | undefined
  try {
    record = readRunRecord(opts.runsDir, runId)
  } catch (err) {
    throw new InputError('no-such-run', `no run ${runId} under ${opts.runsDir} (${(err as Error).message.split('\n')[0]})`, { hint: '`iamflow runs` lists them; pass --runs-dir if the run used another one' })
  }
  if (!record) throw new InputError('no-such-run', `run ${runId} has no readable ledger`, { hint: '`iamflow runs` lists runs' })
  if (record.status === 'running' && !opts.force) {
    throw new InputError('run-in-progress', `run ${runId} is still running (process ${record.state.header?.pid})`, { hint: 'wait for it or stop it; --force cleans anyway' })
  }
  if (record.leftovers === 0) return { record, note: 'nothing left to clean' }
  const t = record.target
  if (t.kind === 'embedded' && !t.statePath) return { record, note: 'ran on a throw-away embedded emulator: nothing outlived that process' }
  const accountProfiles = opts.overrides?.accountProfiles
  if (accountProfiles !== undefined && t.kind !== 'aws') {
    throw new InputError('account-not-applicable', `--account-profile applies to runs on AWS only: run ${runId} ran on ${t.kind === 'endpoint' ? t.endpoint : 'the embedded emulator'}`, { hint: 'drop --account-profile' })
  }
  const target = await openTarget({
    ...(t.kind === 'aws' ? { target: 'aws' as const, account: t.account } : {}),
    ...(t.kind === 'endpoint' ? { endpointUrl: opts.overrides?.endpointUrl ?? t.endpoint } : {}),
    ...(t.kind === 'embedded' ? { statePath: t.statePath } : {}),
    region: opts.overrides?.region ?? t.region,
    profile: opts.overrides?.profile ?? t.profile,
  })
  try {
    if (target.info.account !== t.account) {
      throw new InputError('account-mismatch', `run ${runId} acted in account ${t.account}, but these credentials act in ${target.info.account}`, {
        hint: 'use the credentials (profile) the run used',
      })
    }
    // The run's named accounts, by the names and ids its ledger recorded (nothing is created).
    const accounts = await openAccounts(target, t.accounts ?? [], { existing: true, ...(accountProfiles ? { flags: { profiles: accountProfiles } } : {}), file: `run ${runId}` })
    const ledger = Ledger.reopen(record.path)
    try {
      const call = registryCaller(() => target.factory.clientsFor(target.operator.handle), opts.signal)
      const callIn = accountCallers(accounts, target, opts.signal)
      const result = await teardown({
        ledger,
        records: ledger.records,
        call,
        callIn: callIn.call,
        recover: (intent) => recoverIntent(intent, intent.account === undefined ? { call, accountId: t.account } : { call: callIn.call(intent.account), accountId: callIn.id(intent.account) }),
        signal: opts.signal,
        attempts: opts.attempts,
        minTimeoutMs: opts.minTimeoutMs,
        onItem: opts.onItem,
      })
      ledger.append({ t: 'end', status: 'cleaned', leftovers: result.leftovers, at: new Date().toISOString() })
      return { record, teardown: result }
    } finally {
      ledger.close()
      accounts.close()
    }
  } finally {
    await target.close()
  }
}
