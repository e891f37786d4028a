import { resolve as resolvePath } from 'node:path'
import type { CommandModule } from 'yargs'
import { ExitCode, InputError } from '../errors.js'
import { REPORTER_NAMES, type ReporterName } from '../reporters/types.js'
import { reportFatal } from './fatal.js'
import { checkOutputPaths, runInputs } from './output-paths.js'
import { openReportFile, type ReportOutput, stdoutReport } from './report-outputs.js'
import { prepareRecords } from './records.js'
import { raiseToInfrastructure } from './stdio.js'
import type { Shard } from '../engine/suite/scenario-files.js'

interface RunArgs {
  paths: string[]
  target?: 'embedded' | 'aws'
  'endpoint-url'?: string
  state?: string
  snapshot?: string
  'consistency-delay'?: number
  'retry-window'?: number
  region?: string
  profile?: string
  account?: string
  'account-profile'?: string[]
  'account-id'?: string[]
  reporter?: ReporterName[]
  output?: string[]
  var?: string[]
  keep?: boolean
  bail?: boolean
  'unique-names'?: boolean
  parallel?: number
  shard?: string
  filter?: string
  exclude?: string[]
  'runs-dir'?: string
  verbose?: boolean
  debug?: boolean
  record?: string
  compare?: string
  watch?: boolean
}

/**
 * `iamflow run <paths..>`: run scenarios, check every expectation, tear everything down.
 * Heavy modules (SDK clients, emulator, runner) load only when the command runs.
 */
export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <paths..>',
  describe: 'Run scenarios against the embedded emulator (default), an endpoint or AWS, then tear down what they created',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'Scenario files or directories (searched for *.yaml)' })
      .option('target', { choices: ['embedded', 'aws'] as const, describe: 'embedded emulator (default, fresh per run) or real AWS (standard credential chain)' })
      .option('endpoint-url', { type: 'string', describe: 'Any AWS-compatible endpoint, e.g. iamflow serve (default: $AWS_ENDPOINT_URL)' })
      .option('state', { type: 'string', describe: 'Embedded emulator: load state from this file and save it after the run' })
      .option('snapshot', { type: 'string', requiresArg: true, describe: "Start every scenario's emulator from this account snapshot (embedded; an endpoint must act in its account: serve --import); replaces a scenario's own snapshot:" })
      .option('consistency-delay', { type: 'number', describe: 'Embedded emulator: new keys, roles, trust and attachments take effect after this many ms (runs then wait for propagation)' })
      .option('retry-window', { type: 'number', describe: 'Seconds each step may be retried while IAM changes propagate (0..900; default: 60 on AWS and endpoints, what iamflow serve advertises, 2x the consistency delay + 1 s embedded); a step\'s retry: overrides it' })
      .option('region', { type: 'string', describe: 'AWS region (default $AWS_REGION or us-east-1)' })
      .option('profile', { type: 'string', describe: 'Named profile for the credential chain (endpoint / AWS)' })
      .option('account', { type: 'string', describe: 'Real AWS: the account id the credentials must belong to (required unless the scenario pins account:)' })
      .option('account-profile', { type: 'string', array: true, requiresArg: true, describe: "Real AWS: NAME=PROFILE, the profile of the scenario's account NAME (accounts:); repeatable" })
      .option('account-id', { type: 'string', array: true, requiresArg: true, describe: "Real AWS: NAME=ID, the id the scenario's account NAME must have (its guard, unless accounts.NAME.id pins it); repeatable" })
      .option('reporter', { choices: REPORTER_NAMES, array: true, describe: 'console (default), json, junit, html (one self-contained page); repeatable' })
      .option('output', { type: 'string', array: true, requiresArg: true, describe: 'File for the reporter named just before it (--reporter junit --output junit.xml); without it a reporter writes stdout' })
      .option('var', { type: 'string', array: true, requiresArg: true, describe: 'Override a var: --var name=value (repeatable)' })
      .option('keep', { type: 'boolean', describe: 'Skip teardown (iamflow cleanup <run-id> removes everything later)' })
      .option('bail', { type: 'boolean', describe: 'Stop at the first failed step (teardown still runs; later scenarios are not started)' })
      .option('parallel', { type: 'number', default: 1, describe: 'Scenarios to run at once' })
      .option('unique-names', { type: 'boolean', describe: "Give every name a scenario creates (users, roles, groups, managed policies, instance profiles, buckets, MFA devices, OIDC providers) a run-scoped suffix, in ARNs, policies and expectations too, so concurrent runs on one account or serve do not collide (a scenario's uniqueNames: false opts out)" })
      .option('shard', { type: 'string', describe: 'Run only slice i of n of the (sorted) files, e.g. 2/4 in CI' })
      .option('filter', { type: 'string', describe: 'Only scenarios whose name: or file path (as listed, e.g. scenarios/x.yaml) contains this text (or matches /regex/flags)' })
      .option('exclude', { type: 'string', array: true, requiresArg: true, describe: 'Leave out scenarios whose name: or file path contains this text (or matches /regex/flags); repeatable' })
      .option('runs-dir', { type: 'string', default: '.iamflow/runs', describe: 'Where run ledgers are kept' })
      .option('verbose', { type: 'boolean', describe: 'List every teardown call' })
      .option('record', { type: 'string', requiresArg: true, describe: 'Write what each step observed to DIR/<file>.record.yaml (normalised, no ids or secrets)' })
      .option('watch', { type: 'boolean', describe: 'Run, then rerun a scenario whenever its file or a policy file it reads changes (embedded emulator, fresh each time); Ctrl-C stops' })
      .option('compare', { type: 'string', requiresArg: true, describe: 'Also fail on any step whose observation differs from its record in DIR' })
      .example('$0 run scenarios/assume-role.yaml', 'on the embedded emulator')
      .example('$0 run scenarios/ --parallel 4 --reporter console --reporter junit --output junit.xml', 'a directory, JUnit for CI')
      .example('$0 run lab.yaml --watch', 'rerun on every save')
      .example('$0 run scenarios/ --unique-names --endpoint-url http://127.0.0.1:4566', 'several CI jobs on one serve or account at once')
      .example('$0 run scenarios/ --compare scenarios/records', 'check the emulator against records made on AWS')
      .example('$0 run scenarios/assume-role.yaml --target aws --account 123456789012 --profile lab', 'against real AWS') as never,
  handler: async (args) => {
    process.exitCode = await runCli(args, process.argv.slice(2))
  },
}

/** The command's work; returns the exit code. */
export async function runCli(args: RunArgs, argv: string[]): Promise<number> {
  if (args.parallel !== undefined && (!Number.isInteger(args.parallel) || args.parallel < 1)) {
    throw new InputError('bad-parallel', `--parallel ${args.parallel} is not a positive whole number`, { hint: 'e.g. --parallel 4' })
  }
  const delay = args['consistency-delay']
  if (delay !== undefined && (!Number.isFinite(delay) || delay < 0)) {
    throw new InputError('bad-consistency-delay', `--consistency-delay ${delay} is not a number of milliseconds >= 0`, { hint: 'e.g. --consistency-delay 5000' })
  }
  if (delay !== undefined && (args.target === 'aws' || args['endpoint-url'])) {
    throw new InputError('bad-consistency-delay', '--consistency-delay applies to the embedded emulator only', { hint: 'for iamflow serve, give it to serve: iamflow serve --consistency-delay MS' })
  }
  // --account is the real-AWS account guard: silently ignoring it elsewhere would let a user
  // believe a run was pinned to an account when it was not (issue 14).
  if (args.account !== undefined && args.target !== 'aws') {
    throw new InputError('account-not-applicable', `--account ${args.account} applies to --target aws only: the embedded emulator and --endpoint-url targets have their own accounts`, {
      hint: 'drop --account, or run with --target aws (credentials must belong to that account)',
    })
  }
  for (const flag of ['account-profile', 'account-id'] as const) {
    const given = args[flag]
    if (given !== undefined && args.target !== 'aws') {
      throw new InputError('account-not-applicable', `--${flag} ${given.join(' ')} applies to --target aws only: embedded, the emulator creates a scenario's accounts; on iamflow serve, serve hands over their operators`, {
        hint: `drop --${flag}, or run with --target aws`,
      })
    }
  }
  const window = args['retry-window']
  if (window !== undefined && (!Number.isFinite(window) || window < 0 || window > 900)) {
    throw new InputError('bad-retry-window', `--retry-window ${window} is not a number of seconds from 0 to 900`, { hint: 'e.g. --retry-window 10, or 0 to turn propagation retries off' })
  }
  const pairs = pairReporterOutputs(argv, args.reporter ?? [])
  if (args.watch) refuseWatchTargets(args)
  const { expandScenarioPaths, parseShard, shardFiles } = await import('../engine/suite/scenario-files.js')
  const files = expandScenarioPaths(args.paths)
  const runsDir = args['runs-dir'] ?? '.iamflow/runs'
  // Before any report file is opened (opening truncates): no report may overwrite an input.
  checkOutputPaths(
    pairs.flatMap((p) => (p.output === undefined ? [] : [{ reporter: p.name, file: p.output }])),
    runInputs(files, args.state),
    runsDir,
  )
  // Records are read (and a bad one refused) before any report file is opened.
  const wireRecords = args.record !== undefined || args.compare !== undefined ? await prepareRecords({ record: args.record, compare: args.compare, files }) : undefined
  const shard = args.shard ? parseShard(args.shard) : undefined
  const once = (list: string[], signals: Signals): Promise<number> => runOnce({ args, pairs, files: list, shard: args.watch ? undefined : shard, runsDir, window, wireRecords, signals })
  const signals = trapSignals()
  try {
    if (!args.watch) return await once(files, signals)
    const { watchScenarios } = await import('../engine/suite/watch.js')
    const last = await watchScenarios({
      // The shard is taken once: a rerun runs the changed file itself.
      files: shard ? shardFiles(files, shard) : files,
      signal: signals.stop,
      log: (line) => process.stderr.write(`[watch] ${line}\n`),
      // An edit that breaks the scenario is reported and watched, never the end of the loop.
      run: (list) =>
        once(list, signals).catch((err: unknown) => {
          // A saved file that --filter or --exclude leaves out is not an error of the loop.
          if (err instanceof InputError && err.code === 'nothing-to-run' && list.length < files.length) {
            process.stderr.write(`[watch] ${list.join(', ')}: left out by --filter/--exclude\n`)
            return ExitCode.ok
          }
          return reportFatal(err, args.debug === true)
        }),
    })
    // Ctrl-C is how watching ends: 0 unless it interrupted a run (then 130, after its teardown).
    process.stderr.write('[watch] stopped\n')
    return last === ExitCode.interrupted ? last : ExitCode.ok
  } finally {
    signals.release()
  }
}

type Signals = ReturnType<typeof trapSignals>

/** Watch reruns each change on a fresh embedded emulator: a target that outlives a run is refused. */
function refuseWatchTargets(args: RunArgs): void {
  const other = args.target === 'aws' ? '--target aws' : args['endpoint-url'] ? `--endpoint-url ${args['endpoint-url']}` : process.env.AWS_ENDPOINT_URL ? `AWS_ENDPOINT_URL (${process.env.AWS_ENDPOINT_URL})` : args.state !== undefined ? `--state ${args.state}` : undefined
  if (other === undefined) return
  throw new InputError('watch-needs-embedded', `--watch reruns on a fresh embedded emulator each time; it cannot be used with ${other}`, {
    hint: 'drop --watch to run once on that target, or drop the target to watch on the embedded emulator',
  })
}

interface OnceInputs {
  args: RunArgs
  pairs: Array<{ name: ReporterName; output?: string }>
  files: string[]
  shard: Shard | undefined
  runsDir: string
  window: number | undefined
  wireRecords: Awaited<ReturnType<typeof prepareRecords>> | undefined
  signals: Signals
}

/** One suite run: open the reports, run, tear down, close the reports; returns the exit code. */
async function runOnce({ args, pairs, files, shard, runsDir, window, wireRecords, signals }: OnceInputs): Promise<number> {
  const outputs: ReportOutput[] = []
  let exitCode: number = ExitCode.infrastructure
  try {
    for (const p of pairs) outputs.push(p.output === undefined ? stdoutReport() : openReportFile(p.output))
    const [{ runSuite, SuiteInvalidError }, reporters] = await Promise.all([import('../engine/suite/suite.js'), import('../reporters/index.js')])
    const list = pairs.map((p, i) => reporters.createReporter(p.name, outputs[i], { verbose: args.verbose }))
    const toReporters = reporters.fanOut(list, (err) => process.stderr.write(`reporter error: ${err instanceof Error ? err.message : String(err)}\n`))
    const records = wireRecords?.(toReporters)
    const emit = records?.emit ?? toReporters
    const { summary } = await runSuite({
      files,
      vars: args.var,
      target: {
        target: args.target,
        endpointUrl: args['endpoint-url'],
        statePath: args.state,
        ...(args.snapshot !== undefined ? { snapshotPath: resolvePath(args.snapshot) } : {}),
        consistencyDelayMs: args['consistency-delay'],
        ...(window !== undefined ? { windowMs: Math.round(window * 1000) } : {}),
        region: args.region,
        profile: args.profile,
        account: args.account,
        ...(args['account-profile'] || args['account-id'] ? { accountFlags: { profiles: args['account-profile'] ?? [], ids: args['account-id'] ?? [] } } : {}),
      },
      runsDir,
      keep: args.keep,
      bail: args.bail,
      ...(args['unique-names'] !== undefined ? { uniqueNames: args['unique-names'] } : {}),
      parallel: args.parallel,
      shard,
      filter: args.filter,
      ...(args.exclude ? { exclude: args.exclude } : {}),
      signal: signals.stop,
      teardownSignal: signals.stopTeardown,
      emit,
      onRunId: signals.track,
      ...(records?.compare ? { compare: records.compare } : {}),
    }).catch((err: unknown) => {
      if (err instanceof SuiteInvalidError) {
        for (const p of err.problems) reportFatal(p, args.debug === true)
        return { summary: { exitCode: ExitCode.invalidInput } }
      }
      throw err
    })
    exitCode = summary.exitCode
    for (const why of records?.failures ?? []) {
      process.stderr.write(`error [record-not-written]: ${why}\n`)
      exitCode = raiseToInfrastructure(exitCode)
    }
  } finally {
    // After teardown (runSuite has returned or thrown): a report that could not be written is
    // said on stderr and makes the run exit 3, never a silent exit 0.
    for (const o of outputs) o.close()
    outputs.forEach((o, i) => {
      const why = o.failure()
      if (why === undefined) return
      process.stderr.write(`error [report-not-written]: the ${pairs[i].name} report to ${o.where} is incomplete: ${why}\nhint: the run itself finished (teardown included); free space or choose another --output, and run again for a complete report\n`)
      exitCode = raiseToInfrastructure(exitCode)
    })
  }
  return exitCode
}

/**
 * Which `--output` belongs to which `--reporter`: each output goes to the reporter named just
 * before it. At most one reporter may write to stdout. Default: console on stdout.
 */
export function pairReporterOutputs(argv: string[], names: ReporterName[]): Array<{ name: ReporterName; output?: string }> {
  const pairs: Array<{ name: ReporterName; output?: string }> = []
  let pendingOutputs = 0
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]
    if (token === '--') break
    const [flag, inline] = token.startsWith('--') ? splitFlag(token) : [token, undefined]
    if (flag === '--reporter') {
      const value = inline ?? argv[++i]
      pairs.push({ name: value as ReporterName })
    } else if (flag === '--output') {
      const value = inline ?? argv[++i]
      const last = pairs[pairs.length - 1]
      if (!last) pendingOutputs++
      else if (last.output !== undefined) throw new InputError('bad-output', `--output ${value}: reporter ${last.name} already writes to ${last.output}`, { hint: 'give each --output right after its --reporter' })
      else last.output = value
    }
  }
  if (pairs.length !== names.length) return names.map((name) => ({ name }))
  if (pairs.length === 0) {
    if (pendingOutputs > 0) throw new InputError('bad-output', '--output needs a --reporter before it', { hint: 'e.g. --reporter json --output report.json' })
    return [{ name: 'console' }]
  }
  if (pendingOutputs > 0) throw new InputError('bad-output', '--output needs a --reporter before it', { hint: 'e.g. --reporter json --output report.json' })
  const onStdout = pairs.filter((p) => p.output === undefined)
  if (onStdout.length > 1) {
    throw new InputError('bad-output', `reporters ${onStdout.map((p) => p.name).join(' and ')} would both write to stdout`, { hint: 'give all but one of them an --output file' })
  }
  return pairs
}

function splitFlag(token: string): [string, string | undefined] {
  const eq = token.indexOf('=')
  return eq < 0 ? [token, undefined] : [token.slice(0, eq), token.slice(eq + 1)]
}

/**
 * Ctrl-C / SIGTERM: the first stops the steps and tears down; the second skips the teardown,
 * says how to clean up later, and exits 130.
 */
export function trapSignals() {
  const stop = new AbortController()
  const stopTeardown = new AbortController()
  const active = new Set<string>()
  let count = 0
  const onSignal = (signal: NodeJS.Signals) => {
    count++
    if (count === 1) {
      process.stderr.write(`\n${signal === 'SIGINT' ? 'Interrupted' : `Received ${signal}`}: stopping the steps and tearing down (press Ctrl-C again to skip teardown).\n`)
      stop.abort(new Error('interrupted'))
      return
    }
    stopTeardown.abort(new Error('teardown interrupted'))
    const ids = [...active]
    process.stderr.write(`\nTeardown skipped.${ids.length ? ` Clean up later with:\n${ids.map((id) => `  iamflow cleanup ${id}`).join('\n')}` : ''}\n`)
    // Let the runner write its ledger end record; exit regardless shortly after.
    setTimeout(() => process.exit(ExitCode.interrupted), 2000).unref()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    stop: stop.signal,
    stopTeardown: stopTeardown.signal,
    track: (runId: string, done: boolean) => (done ? active.delete(runId) : active.add(runId)),
    release: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}
