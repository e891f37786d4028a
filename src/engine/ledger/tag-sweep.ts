import { sweepableActions } from '../../actions/registry.js'
import { InputError } from '../../errors.js'
import { registryCaller } from '../targets/caller.js'
import type { TeardownItem, TeardownResult } from '../events.js'
import { Ledger } from './ledger.js'
import { operatorCalls } from '../targets/operator-calls.js'
import { isRunId, newRunId } from './run-id.js'
import { RUN_ID_TAG } from './run-tags.js'
import { type TargetOptions, checkAccount, openTarget } from '../targets/targets.js'
import { teardown } from './teardown.js'

/** Where and how to sweep. */
export interface TagSweepOptions {
  runsDir: string
  /** The target to sweep, as for `run` (embedded `--state`, an endpoint, or AWS with `account`). */
  target: Pick<TargetOptions, 'target' | 'endpointUrl' | 'statePath' | 'region' | 'profile' | 'account'>
  onItem?(item: TeardownItem): void
}

/** What a sweep found and removed. */
export interface TagSweepResult {
  /** The account swept. */
  account: string
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
    const call = registryCaller(() => target.factory.clientsFor(target.operator.handle))
    const calls = operatorCalls(call)
    const found: Array<{ create: string; undo: { action: string; input: Record<string, unknown> } }> = []
    for (const action of sweepableActions()) {
      const sweep = action.sweep!
      for (const item of await calls.listAll(sweep.list.action, sweep.list.input, sweep.list.member)) {
        const tags = sweep.tags(item)
        const tagged = (await calls.listAll(tags.action, tags.input, 'Tags')).some((t) => t.Key === RUN_ID_TAG && t.Value === runId)
        if (tagged) found.push({ create: action.name, undo: sweep.undo(item) })
      }
    }
    if (found.length === 0) return { account: target.info.account, found: 0 }
    const sweepId = newRunId()
    const at = () => new Date().toISOString()
    const ledger = Ledger.create(
      opts.runsDir,
      { t: 'run', v: 1, runId: sweepId, scenario: { name: `sweep of ${RUN_ID_TAG}=${runId}`, file: '' }, target: target.info, startedAt: at(), pid: process.pid },
      target.persistent ? 'fsync' : 'deferred',
    )
    try {
      for (const f of found) {
        const stepId = `tagged ${Object.values(f.undo.input)[0]}`
        const intent = ledger.append({ t: 'intent', stepId, action: f.create, input: f.undo.input, at: at() })
        ledger.append({ t: 'undo', intent, stepId, undo: [f.undo], at: at() })
      }
      const result = await teardown({ ledger, records: ledger.records, call, recover: async () => undefined, onItem: opts.onItem })
      ledger.append({ t: 'end', status: 'cleaned', leftovers: result.leftovers, at: at() })
      return { account: target.info.account, found: found.length, sweepId, teardown: result }
    } finally {
      ledger.close()
    }
  } finally {
    await target.close()
  }
}
