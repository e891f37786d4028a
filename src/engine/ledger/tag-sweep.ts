import { sweepableActions } from '../../actions/registry.js'
import { InputError } from '../../errors.js'
import { registryCaller } from '../targets/caller.js'
import type { TeardownItem, TeardownResult } from '../events.js'
import { Ledger } from './ledger.js'
import { operatorCalls } from '../targets/operator-calls.js'
import { isRunId, newRunId } from './run-id.js'
import { RUN_ID_TAG } from './run-tags.js'
import { type AccountFlags, type RunTarget, type TargetOptions, checkAccount, openTarget } from '../targets/targets.js'
import { type AccountSpec, accountCallers, type OpenedAccounts, openAccounts } from '../targets/accounts.js'
import { teardown } from './teardown.js'

/** Where and how to sweep. */
export interface TagSweepOptions {
  runsDir: string
  /** The target to sweep, as for `run` (embedded `--state`, an endpoint, or AWS with `account`). */
  target: Pick<TargetOptions, 'target' | 'endpointUrl' | 'statePath' | 'region' | 'profile' | 'account'>
  /**
   * Named accounts a scenario acted in, swept too (a lost ledger no longer says which): on
   * `iamflow serve` by name (serve hands over their operators), embedded by id
   * (`flags.ids`), on AWS each with its profile and id (`flags.profiles`, `flags.ids`).
   */
  accounts?: AccountSpec[]
  accountFlags?: AccountFlags
  onItem?(item: TeardownItem): void
}

/** What a sweep found and removed. */
export interface TagSweepResult {
  /** The (default) account swept. */
  account: string
  /** The named accounts swept too, with their ids. */
  named: Array<{ name: string; id: string }>
  /** How many tagged resources were found. */
  found: number
  /** The sweep's own run id (its ledger), when it found something. */
  sweepId?: string
  teardown?: TeardownResult
}

/**
 * `cleanup --by-tag RUN_ID`: when a run's ledger is lost, find what it created by its
 * `iamflow:run-id` tag and remove it with teardown's ordering rules. What is swept comes from
 * the registry: every taggable action's `sweep` says how to list its resources, read their
 * tags and remove them (users, roles and customer managed policies today). Resources are
 * recorded in registry order and removed last first. The sweep keeps a ledger of its own, so
 * `cleanup <sweep id>` finishes an interrupted one. On AWS the credentials must act in
 * `target.account`, as for `run`.
 */
export async function sweepByTag(runId: string, opts: TagSweepOptions): Promise<TagSweepResult> {
  if (!isRunId(runId)) throw new InputError('bad-run-id', `${runId} is not a run id`, { hint: 'give the value of the iamflow:run-id tag' })
  const target = await openTarget(opts.target)
  try {
    checkAccount(target, { file: `cleanup --by-tag ${runId}` }, opts.target.account)
    const accounts = await openAccounts(target, opts.accounts ?? [], { existing: true, ...(opts.accountFlags ? { flags: opts.accountFlags } : {}), file: `cleanup --by-tag ${runId}` })
    try {
      return await sweepAccounts(runId, opts, target, accounts)
    } finally {
      accounts.close()
    }
  } finally {
    await target.close()
  }
}

/** Find what is tagged with the run id in the default account, then in each named one, and remove it. */
async function sweepAccounts(runId: string, opts: TagSweepOptions, target: RunTarget, accounts: OpenedAccounts): Promise<TagSweepResult> {
  const call = registryCaller(() => target.factory.clientsFor(target.operator.handle))
  const callIn = accountCallers(accounts, target)
  const named = [...accounts.byName.values()].map((a) => ({ name: a.name, id: a.id }))
  const where: Array<{ account?: string; call: typeof call }> = [{ call }, ...named.map((a) => ({ account: a.name, call: callIn.call(a.name) }))]
  const found: Array<{ account?: string; create: string; undo: { action: string; input: Record<string, unknown> } }> = []
  for (const w of where) {
    const calls = operatorCalls(w.call)
    for (const action of sweepableActions()) {
      const sweep = action.sweep!
      for (const item of await calls.listAll(sweep.list.action, sweep.list.input, sweep.list.member)) {
        const tags = sweep.tags(item)
        const tagged = (await calls.listAll(tags.action, tags.input, 'Tags')).some((t) => t.Key === RUN_ID_TAG && t.Value === runId)
        if (tagged) found.push({ ...(w.account !== undefined ? { account: w.account } : {}), create: action.name, undo: sweep.undo(item) })
      }
    }
  }
  if (found.length === 0) return { account: target.info.account, named, found: 0 }
  const sweepId = newRunId()
  const at = () => new Date().toISOString()
  // The sweep's ledger names the named accounts too, so `cleanup <sweep id>` can finish it.
  const ledger = Ledger.create(
    opts.runsDir,
    { t: 'run', v: 1, runId: sweepId, scenario: { name: `sweep of ${RUN_ID_TAG}=${runId}`, file: '' }, target: accounts.info.length > 0 ? { ...target.info, accounts: accounts.info } : target.info, startedAt: at(), pid: process.pid },
    target.persistent ? 'fsync' : 'deferred',
  )
  try {
    for (const f of found) {
      const stepId = `tagged ${Object.values(f.undo.input)[0]}`
      const account = f.account !== undefined ? { account: f.account } : {}
      const intent = ledger.append({ t: 'intent', stepId, ...account, action: f.create, input: f.undo.input, at: at() })
      ledger.append({ t: 'undo', intent, stepId, ...account, undo: [f.undo], at: at() })
    }
    const result = await teardown({ ledger, records: ledger.records, call, callIn: callIn.call, recover: async () => undefined, onItem: opts.onItem })
    ledger.append({ t: 'end', status: 'cleaned', leftovers: result.leftovers, at: at() })
    return { account: target.info.account, named, found: found.length, sweepId, teardown: result }
  } finally {
    ledger.close()
  }
}
