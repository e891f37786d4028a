import type { CommandModule } from 'yargs'
import { ExitCode, InputError } from '../errors.js'
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
      .check((a) => {
        if (!a['run-id'] === !a.all) throw new Error('name one run id, or --all')
        return true
      })
      .example('$0 cleanup mf3k2j9a-x7q2', 'finish the teardown of one run')
      .example('$0 cleanup --all', 'of every run that left something') as never,
  handler: async (args) => {
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
