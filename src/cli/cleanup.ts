import type { CommandModule } from 'yargs'
import { ExitCode, InputError } from '../errors.js'
import type { TeardownItem } from '../engine/events.js'
import { reportFatal } from './fatal.js'

interface CleanupArgs {
  'run-id'?: string
  all?: boolean
  'runs-dir': string
  profile?: string
  'account-profile'?: string[]
  region?: string
  'endpoint-url'?: string
  force?: boolean
  debug?: boolean
  'by-tag'?: string
  target?: 'embedded' | 'aws'
  state?: string
  account?: string
  'account-id'?: string[]
  'named-account'?: string[]
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
      .option('account-profile', { type: 'string', array: true, requiresArg: true, describe: "AWS: NAME=PROFILE for the named account NAME (a run's: default the profile it used; with --by-tag: swept too); repeatable" })
      .option('region', { type: 'string', describe: 'Region (default: the one the run used)' })
      .option('endpoint-url', { type: 'string', describe: 'Endpoint runs: where that endpoint listens now, if it moved (the account must still match)' })
      .option('force', { type: 'boolean', describe: "Clean even if the run's process still seems to be alive" })
      .option('by-tag', { type: 'string', describe: 'No ledger: remove the users, roles and policies tagged iamflow:run-id=RUN_ID (what runs on AWS tag)' })
      .option('target', { choices: ['embedded', 'aws'] as const, describe: 'With --by-tag: where to sweep, as for run (--endpoint-url, --state, or aws)' })
      .option('state', { type: 'string', describe: 'With --by-tag: the embedded emulator state file to sweep' })
      .option('account', { type: 'string', describe: 'With --by-tag --target aws: the account the credentials must act in (required)' })
      .option('named-account', { type: 'string', array: true, requiresArg: true, describe: "With --by-tag: also sweep the scenario's named account NAME (accounts:); on iamflow serve by name, embedded with --account-id, on AWS with --account-profile and --account-id; repeatable" })
      .option('account-id', { type: 'string', array: true, requiresArg: true, describe: 'With --by-tag: NAME=ID, the id of named account NAME (its guard on AWS); repeatable' })
      // A string (not a thrown Error) is a usage error for yargs: exit 2 with the usage hint.
      .check((a) => [a['run-id'] !== undefined, a.all === true, a['by-tag'] !== undefined].filter(Boolean).length === 1 || 'name one run id, or --all, or --by-tag RUN_ID')
      .example('$0 cleanup mf3k2j9a-x7q2', 'finish the teardown of one run')
      .example('$0 cleanup --all', 'of every run that left something')
      .example('$0 cleanup --by-tag mf3k2j9a-x7q2 --target aws --account 123456789012', 'sweep by tag when the ledger is lost')
      .example('$0 cleanup --by-tag mf3k2j9a-x7q2 --target aws --account 123456789012 --account-profile development=dev --account-id development=210987654321', 'and in the named account development') as never,
  handler: async (args) => {
    if (args['by-tag'] !== undefined) {
      process.exitCode = await sweepByTag(args['by-tag'], args)
      return
    }
    for (const flag of ['named-account', 'account-id'] as const) {
      if (args[flag] !== undefined) throw new InputError('account-not-applicable', `--${flag} applies to --by-tag only: a run's ledger names its accounts`, { hint: `drop --${flag}` })
    }
    const [{ cleanupRun }, { listRuns }] = await Promise.all([import('../engine/ledger/cleanup.js'), import('../engine/ledger/run-records.js')])
    const listed = args.all ? listRuns(args['runs-dir']) : undefined
    for (const u of listed?.unreadable ?? []) process.stderr.write(`warning: run ${u.runId}: its ledger cannot be read (${u.reason}): ${u.path}; not cleaned\n`)
    const ids = listed ? listed.records.filter((r) => r.leftovers > 0 && r.status !== 'running').map((r) => r.runId) : [args['run-id'] as string]
    // An unreadable ledger is not clean: exit 3 even when everything readable was cleaned.
    let exit: number = listed && listed.unreadable.length > 0 ? ExitCode.infrastructure : ExitCode.ok
    if (ids.length === 0) {
      process.stdout.write('nothing to clean\n')
      process.exitCode = exit
      return
    }
    for (const id of ids) {
      try {
        const done = await cleanupRun(id, {
          runsDir: args['runs-dir'],
          overrides: { profile: args.profile, region: args.region, endpointUrl: args['endpoint-url'], ...(args['account-profile'] ? { accountProfiles: args['account-profile'] } : {}) },
          force: args.force,
          onItem: printItem,
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

/** `cleanup --by-tag RUN_ID`: the sweep (engine/ledger/tag-sweep.ts) and its exit code. */
async function sweepByTag(runId: string, args: CleanupArgs): Promise<number> {
  const [{ sweepByTag: sweep }, { RUN_ID_TAG }] = await Promise.all([import('../engine/ledger/tag-sweep.js'), import('../engine/ledger/run-tags.js')])
  // The named accounts to sweep: named outright, or by a NAME=VALUE flag.
  const nameOf = (pair: string) => pair.slice(0, Math.max(0, pair.indexOf('=')))
  const names = [...new Set([...(args['named-account'] ?? []), ...(args['account-profile'] ?? []).map(nameOf), ...(args['account-id'] ?? []).map(nameOf)].filter((n) => n !== ''))]
  const result = await sweep(runId, {
    runsDir: args['runs-dir'],
    target: { target: args.target, endpointUrl: args['endpoint-url'], statePath: args.state, region: args.region, profile: args.profile, account: args.account },
    accounts: names.map((name) => ({ name })),
    ...(args['account-profile'] || args['account-id'] ? { accountFlags: { profiles: args['account-profile'] ?? [], ids: args['account-id'] ?? [] } } : {}),
    onItem: printItem,
  })
  if (!result.teardown) {
    const also = result.named.map((a) => `, ${a.name} (${a.id})`).join('')
    process.stdout.write(`nothing tagged ${RUN_ID_TAG}=${runId} in account ${result.account}${also}\n`)
    return ExitCode.ok
  }
  const left = result.teardown.leftovers
  process.stdout.write(`${runId}: ${left === 0 ? 'clean' : `${left} left (see above; iamflow cleanup ${result.sweepId} retries them)`}\n`)
  return left === 0 ? ExitCode.ok : ExitCode.infrastructure
}

function printItem(i: TeardownItem): void {
  process.stdout.write(`  ${i.status.padEnd(6)} ${i.action} ${i.target}${i.error ? `: ${i.error.code}: ${i.error.message}` : ''}\n`)
}
