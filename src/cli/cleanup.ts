import type { CommandModule } from 'yargs'
import { ExitCode, InputError } from '../errors.js'
import type { ActionCaller, CallResult } from '../engine/caller.js'
import { reportFatal } from './fatal.js'

interface CleanupArgs {
  'run-id'?: string
  all?: boolean
  'runs-dir': string
  profile?: string
  region?: string
  'endpoint-url'?: string
  force?: boolean
  debug?: boolean
  'by-tag'?: string
  target?: 'embedded' | 'aws'
  state?: string
  account?: string
}

/** `iamflow cleanup [RUN_ID | --all]`: finish teardown from the ledger, against the run's own target. */
export const cleanupCommand: CommandModule<object, CleanupArgs> = {
  command: 'cleanup [run-id]',
  describe: 'Remove what a run left (after a crash, a second Ctrl-C or --keep), from its ledger',
  builder: (y) =>
    y
      .positional('run-id', { type: 'string', describe: 'The run to clean (`iamflow runs` lists them)' })
      .option('all', { type: 'boolean', describe: 'Clean every run that left resources' })
      .option('runs-dir', { type: 'string', default: '.iamflow/runs', describe: 'Where run ledgers are kept' })
      .option('profile', { type: 'string', describe: 'Profile for the credential chain (default: the one the run used)' })
      .option('region', { type: 'string', describe: 'Region (default: the one the run used)' })
      .option('endpoint-url', { type: 'string', describe: 'Endpoint runs: where that endpoint listens now, if it moved (the account must still match)' })
      .option('force', { type: 'boolean', describe: "Clean even if the run's process still seems to be alive" })
      .option('by-tag', { type: 'string', describe: 'No ledger: remove the users, roles and policies tagged iamflow:run-id=RUN_ID (what runs on AWS tag)' })
      .option('target', { choices: ['embedded', 'aws'] as const, describe: 'With --by-tag: where to sweep, as for run (--endpoint-url, --state, or aws)' })
      .option('state', { type: 'string', describe: 'With --by-tag: the embedded emulator state file to sweep' })
      .option('account', { type: 'string', describe: 'With --by-tag --target aws: the account the credentials must act in (required)' })
      .check((a) => {
        if ([a['run-id'] !== undefined, a.all === true, a['by-tag'] !== undefined].filter(Boolean).length !== 1) throw new Error('name one run id, or --all, or --by-tag RUN_ID')
        return true
      })
      .example('$0 cleanup mf3k2j9a-x7q2', 'finish the teardown of one run')
      .example('$0 cleanup --all', 'of every run that left something')
      .example('$0 cleanup --by-tag mf3k2j9a-x7q2 --target aws --account 123456789012', 'sweep by tag when the ledger is lost') as never,
  handler: async (args) => {
    if (args['by-tag'] !== undefined) {
      process.exitCode = await sweepByTag(args['by-tag'], args)
      return
    }
    const [{ cleanupRun }, { listRunRecords }] = await Promise.all([import('../engine/cleanup.js'), import('../engine/run-records.js')])
    const ids = args.all ? listRunRecords(args['runs-dir']).filter((r) => r.leftovers > 0 && r.status !== 'running').map((r) => r.runId) : [args['run-id'] as string]
    if (ids.length === 0) {
      process.stdout.write('nothing to clean\n')
      return
    }
    let exit: number = ExitCode.ok
    for (const id of ids) {
      try {
        const done = await cleanupRun(id, {
          runsDir: args['runs-dir'],
          overrides: { profile: args.profile, region: args.region, endpointUrl: args['endpoint-url'] },
          force: args.force,
          onItem: (i) => process.stdout.write(`  ${i.status.padEnd(6)} ${i.action} ${i.target}${i.error ? `: ${i.error.code}: ${i.error.message}` : ''}\n`),
        })
        if (!done.teardown) {
          process.stdout.write(`${id}: ${done.note}\n`)
          continue
        }
        const left = done.teardown.leftovers
        process.stdout.write(`${id}: ${left === 0 ? 'clean' : `${left} left (see above; run cleanup again once fixed)`}\n`)
        if (left > 0) exit = ExitCode.infrastructure
      } catch (err) {
        if (!(err instanceof InputError) && !args.all) throw err
        exit = Math.max(exit, reportFatal(err, args.debug === true))
      }
    }
    process.exitCode = exit
  },
}

/** Every item of a marker-paginated IAM list action. */
async function listAll(call: ActionCaller, unwrap: (r: CallResult, what: string) => unknown, action: string, input: Record<string, unknown>, key: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = []
  let marker: string | undefined
  do {
    const page = unwrap(await call(action, { ...input, ...(marker ? { Marker: marker } : {}) }), action) as Record<string, unknown>
    out.push(...((page[key] as Array<Record<string, unknown>> | undefined) ?? []))
    marker = page.IsTruncated ? (page.Marker as string | undefined) : undefined
  } while (marker)
  return out
}

/**
 * `cleanup --by-tag RUN_ID`: when a run's ledger is lost, find what it created by its
 * `iamflow:run-id` tag (users, roles and customer managed policies: what runs tag) and remove
 * it with teardown's ordering rules (keys, profiles, inline policies, attachments and groups
 * first). The sweep keeps a ledger of its own, so `cleanup <sweep id>` finishes an interrupted
 * one. On AWS, --account must name the credentials' account, as for `run`.
 */
async function sweepByTag(runId: string, args: CleanupArgs): Promise<number> {
  const [{ isRunId, newRunId }, { openTarget, checkAccount }, { registryCaller, unwrap }, { Ledger }, { teardown }, { RUN_ID_TAG }] = await Promise.all([
    import('../engine/run-id.js'),
    import('../engine/targets.js'),
    import('../engine/caller.js'),
    import('../engine/ledger.js'),
    import('../engine/teardown.js'),
    import('../engine/run-tags.js'),
  ])
  if (!isRunId(runId)) throw new InputError('bad-run-id', `${runId} is not a run id`, { hint: 'give the value of the iamflow:run-id tag' })
  const target = await openTarget({ target: args.target, endpointUrl: args['endpoint-url'], statePath: args.state, region: args.region, profile: args.profile, account: args.account })
  try {
    checkAccount(target, { file: `cleanup --by-tag ${runId}` }, args.account)
    const call = registryCaller(() => target.factory.clientsFor(target.operator.handle))
    const tagged = async (tagsAction: string, input: Record<string, unknown>) =>
      (await listAll(call, unwrap, tagsAction, input, 'Tags')).some((t) => t.Key === RUN_ID_TAG && t.Value === runId)
    // Replayed last first: users, then roles, then the policies they may still hold.
    const found: Array<{ create: string; undo: string; input: Record<string, unknown> }> = []
    for (const p of await listAll(call, unwrap, 'iam.listPolicies', { Scope: 'Local' }, 'Policies')) {
      if (await tagged('iam.listPolicyTags', { PolicyArn: p.Arn })) found.push({ create: 'iam.createPolicy', undo: 'iam.deletePolicy', input: { PolicyArn: p.Arn } })
    }
    for (const r of await listAll(call, unwrap, 'iam.listRoles', {}, 'Roles')) {
      if (await tagged('iam.listRoleTags', { RoleName: r.RoleName })) found.push({ create: 'iam.createRole', undo: 'iam.deleteRole', input: { RoleName: r.RoleName } })
    }
    for (const u of await listAll(call, unwrap, 'iam.listUsers', {}, 'Users')) {
      if (await tagged('iam.listUserTags', { UserName: u.UserName })) found.push({ create: 'iam.createUser', undo: 'iam.deleteUser', input: { UserName: u.UserName } })
    }
    if (found.length === 0) {
      process.stdout.write(`nothing tagged ${RUN_ID_TAG}=${runId} in account ${target.info.account}\n`)
      return ExitCode.ok
    }
    const sweepId = newRunId()
    const at = () => new Date().toISOString()
    const ledger = Ledger.create(
      args['runs-dir'],
      { t: 'run', v: 1, runId: sweepId, scenario: { name: `sweep of ${RUN_ID_TAG}=${runId}`, file: '' }, target: target.info, startedAt: at(), pid: process.pid },
      target.persistent ? 'fsync' : 'deferred',
    )
    try {
      for (const f of found) {
        const stepId = `tagged ${Object.values(f.input)[0]}`
        const intent = ledger.append({ t: 'intent', stepId, action: f.create, input: f.input, at: at() })
        ledger.append({ t: 'undo', intent, stepId, undo: [{ action: f.undo, input: f.input }], at: at() })
      }
      const result = await teardown({
        ledger,
        records: ledger.records,
        call,
        recover: async () => undefined,
        onItem: (i) => process.stdout.write(`  ${i.status.padEnd(6)} ${i.action} ${i.target}${i.error ? `: ${i.error.code}: ${i.error.message}` : ''}\n`),
      })
      ledger.append({ t: 'end', status: 'cleaned', leftovers: result.leftovers, at: at() })
      process.stdout.write(`${runId}: ${result.leftovers === 0 ? 'clean' : `${result.leftovers} left (see above; iamflow cleanup ${sweepId} retries them)`}\n`)
      return result.leftovers === 0 ? ExitCode.ok : ExitCode.infrastructure
    } finally {
      ledger.close()
    }
  } finally {
    await target.close()
  }
}
