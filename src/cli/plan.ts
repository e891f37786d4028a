import type { CommandModule } from 'yargs'
import { coverageTargetOption, warnUnserved, type CoverageTarget } from './validate.js'

interface PlanArgs {
  file: string
  json?: boolean
  var?: string[]
  target?: CoverageTarget
  'unique-names'?: boolean
}

/** `iamflow plan <file> [--json] [--var k=v ...]`: the dry-run, with no network and no credentials. */
export const planCommand: CommandModule<object, PlanArgs> = {
  command: 'plan <file>',
  describe: 'Show what a run would do: each call, who makes it, the expected outcome, the undo and the teardown order (no AWS needed)',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario file' })
      .option('json', { type: 'boolean', describe: 'Print the plan as JSON' })
      .option('var', { type: 'string', array: true, requiresArg: true, describe: 'Override a var: --var name=value (repeatable)' })
      .option('target', coverageTargetOption)
      .option('unique-names', { type: 'boolean', describe: 'Show the run-scoped names a run with --unique-names uses (each run draws its own suffix)' })
      .example('$0 plan scenarios/assume-role.yaml', 'the dry-run as text')
      .example('$0 plan scenarios/assume-role.yaml --var user=alice --json', 'with an override, as JSON') as never,
  handler: async (args) => {
    const [{ buildPlan }, { formatPlan, planToJson }, { loadScenarioFile }, { newRunId }] = await Promise.all([
      import('../engine/plan/plan.js'),
      import('../engine/plan/plan-format.js'),
      import('../scenario/load.js'),
      import('../engine/ledger/run-id.js'),
    ])
    const scenario = await loadScenarioFile(args.file)
    const unique = args['unique-names'] !== undefined ? { uniqueNames: args['unique-names'] } : {}
    const plan = buildPlan(scenario, { vars: args.var ?? [], ...unique, runId: newRunId() })
    await warnUnserved(scenario, args.target)
    if (args.json) {
      process.stdout.write(`${JSON.stringify(planToJson(plan), null, 2)}\n`)
      return
    }
    process.stdout.write(formatPlan(plan, { color: useColor(process.stdout) }))
  },
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return stream.isTTY === true
}
