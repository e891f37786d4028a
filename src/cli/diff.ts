import type { CommandModule } from 'yargs'
import type { RunResult } from '../engine/events.js'
import { ExitCode, InputError } from '../errors.js'
import { reportFatal } from './fatal.js'
import { trapSignals } from './run.js'

interface DiffArgs {
  paths: string[]
  target?: string[]
  var?: string[]
  region?: string
  account?: string
  'account-profile'?: string[]
  'account-id'?: string[]
  filter?: string
  parallel?: number
  'runs-dir'?: string
  json?: boolean
  debug?: boolean
}

/**
 * `iamflow diff <paths..> --target A --target B`: run each scenario on both targets and print the
 * steps whose observations differ (normalised as outcome records are). Only wires: the work is in
 * engine/records (differential.ts, diff-target.ts, diff-report.ts).
 */
export const diffCommand: CommandModule<object, DiffArgs> = {
  command: 'diff <paths..>',
  describe: 'Run scenarios on two targets and show the steps that observe something different',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'Scenario files or directories (searched for *.yaml)' })
      .option('target', { type: 'string', array: true, requiresArg: true, describe: 'Exactly two: embedded, an endpoint URL, aws or aws:PROFILE' })
      .option('var', { type: 'string', array: true, requiresArg: true, describe: 'Override a var: --var name=value (repeatable)' })
      .option('region', { type: 'string', describe: 'AWS region for both targets (default $AWS_REGION or us-east-1)' })
      .option('account', { type: 'string', describe: 'Real AWS: the account id the credentials must belong to' })
      .option('account-profile', { type: 'string', array: true, requiresArg: true, describe: "The aws side: NAME=PROFILE, the profile of the scenarios' account NAME (accounts:); repeatable" })
      .option('account-id', { type: 'string', array: true, requiresArg: true, describe: "The aws side: NAME=ID, the id the scenarios' account NAME must have; repeatable" })
      .option('filter', { type: 'string', describe: 'Only scenarios whose name or file contains this text (or matches /regex/)' })
      .option('parallel', { type: 'number', default: 1, describe: 'Scenarios to run at once on each target' })
      .option('runs-dir', { type: 'string', default: '.iamflow/runs', describe: 'Where run ledgers are kept' })
      .option('json', { type: 'boolean', describe: 'Print the comparison as JSON' })
      .example('$0 diff scenarios/ --target embedded --target http://127.0.0.1:4566', 'the embedded emulator against iamflow serve')
      .example('$0 diff scenarios/assume-role.yaml --target embedded --target aws:lab --account 123456789012', 'the emulator against a real account') as never,
  handler: async (args) => {
    process.exitCode = await diffCli(args)
  },
}

/** The command's work; returns the exit code (0 same, 1 differences, 2 bad input, 3 a run could not finish). */
export async function diffCli(args: DiffArgs): Promise<number> {
  const targets = args.target ?? []
  if (targets.length !== 2) throw new InputError('bad-target', `diff needs exactly two --target options (got ${targets.length})`, { hint: 'e.g. --target embedded --target http://127.0.0.1:4566' })
  if (args.parallel !== undefined && (!Number.isInteger(args.parallel) || args.parallel < 1)) throw new InputError('bad-parallel', `--parallel ${args.parallel} is not a positive whole number`, { hint: 'e.g. --parallel 4' })
  const [{ parseDiffTargets }, { diffRuns }, { diffReport, diffText }, { expandScenarioPaths }, { runSuite, SuiteInvalidError }] = await Promise.all([
    import('../engine/records/diff-target.js'),
    import('../engine/records/differential.js'),
    import('../engine/records/diff-report.js'),
    import('../engine/suite/scenario-files.js'),
    import('../engine/suite/suite.js'),
  ])
  const accountFlags = args['account-profile'] || args['account-id'] ? { accountFlags: { profiles: args['account-profile'] ?? [], ids: args['account-id'] ?? [] } } : {}
  const flags = { region: args.region, account: args.account, envEndpoint: process.env.AWS_ENDPOINT_URL || undefined, ...accountFlags }
  const sides = parseDiffTargets(targets, flags)
  const files = expandScenarioPaths(args.paths)
  const signals = trapSignals()
  const results: Array<Map<string, RunResult>> = []
  let interrupted = false
  try {
    for (const [i, side] of sides.entries()) {
      if (signals.stop.aborted) break
      const byFile = new Map<string, RunResult>()
      const run = await runSuite({
        files,
        vars: args.var,
        target: side.options,
        runsDir: args['runs-dir'],
        parallel: args.parallel,
        filter: args.filter,
        signal: signals.stop,
        teardownSignal: signals.stopTeardown,
        onRunId: signals.track,
        emit: (e) => {
          if (e.type === 'run:end') process.stderr.write(`${i === 0 ? 'A' : 'B'} ${side.label}: ${e.result.scenario.name} ${e.result.status}\n`)
        },
      }).catch((err: unknown) => {
        if (err instanceof SuiteInvalidError) {
          for (const p of err.problems) reportFatal(p, args.debug === true)
          return undefined
        }
        throw err
      })
      if (!run) return ExitCode.invalidInput
      for (const r of run.results) byFile.set(r.scenario.file, r)
      if (run.summary.exitCode === ExitCode.interrupted) interrupted = true
      results.push(byFile)
    }
  } finally {
    signals.release()
  }
  if (interrupted || results.length < 2) return ExitCode.interrupted
  const [a, b] = results
  const scenarios = [...a.entries()].flatMap(([file, ra]) => {
    const rb = b.get(file)
    return rb ? [diffRuns(ra, rb)] : []
  })
  const report = diffReport([sides[0].label, sides[1].label], scenarios)
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : diffText(report))
  if (report.summary.problems > 0 || a.size !== b.size) return ExitCode.infrastructure
  return report.summary.different > 0 ? ExitCode.expectationFailed : ExitCode.ok
}
