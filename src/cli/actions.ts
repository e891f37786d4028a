import type { CommandModule } from 'yargs'
import type { ActionDefinition, JsonSchema, Service } from '../actions/define-action.js'

interface ActionsArgs {
  json?: boolean
  service?: Service
  all?: boolean
}

/** One row of `iamflow actions` (also its `--json` element). */
export interface ActionRow {
  name: string
  service: Service
  checked: boolean
  /** Creates something a teardown must reverse. */
  creates: boolean
  /** Actions its undo records ([] when there is nothing to undo). */
  undo: string[]
  /** Its output becomes credentials (`identity:` on a step). */
  identity: boolean
  /** The SDK command it sends. */
  command: string
  /** The embedded emulator and `iamflow serve` answer it (docs/coverage.md). */
  emulated: boolean
  description: string
  /** JSON Schema of the input (the scenario schema's fragment for `input:`). */
  input: JsonSchema
  /** Output paths a step may `capture:` or check (`User`, `User.Arn`, `Buckets[*].Name`); [] when unknown. */
  output: string[]
}

/** The row describing one action; `emulated`: whether the emulator serves its operation. */
export function actionRow(action: ActionDefinition, emulated: boolean): ActionRow {
  return {
    name: action.name,
    service: action.service,
    checked: action.checked,
    creates: action.creates === true,
    undo: [...(action.undoActions ?? [])],
    identity: action.identity !== undefined,
    command: action.command ?? '',
    emulated,
    description: action.description,
    input: action.input,
    output: outputMembers(action.output),
  }
}

/** Deepest output path listed (`Credentials.AccessKeyId` is 2). */
const MAX_OUTPUT_DEPTH = 3

/** Output member paths of an output schema, breadth first, without the SDK's `$metadata`. */
export function outputMembers(schema: JsonSchema | undefined, prefix = '', depth = 1): string[] {
  const props = schema?.properties
  if (!props || typeof props !== 'object' || depth > MAX_OUTPUT_DEPTH) return []
  const out: string[] = []
  for (const [name, sub] of Object.entries(props as Record<string, JsonSchema>)) {
    if (name === '$metadata') continue
    const path = prefix ? `${prefix}.${name}` : name
    out.push(path)
    const items = sub.type === 'array' && sub.items && typeof sub.items === 'object' ? (sub.items as JsonSchema) : undefined
    out.push(...(items ? outputMembers(items, `${path}[*]`, depth + 1) : outputMembers(sub, path, depth + 1)))
  }
  return out
}

/** The rows as an aligned text table. */
export function formatActionsTable(rows: readonly ActionRow[]): string {
  const header = ['ACTION', 'SERVICE', 'INPUT', 'EMULATED', 'CREATES', 'UNDO', 'DESCRIPTION']
  const cells = rows.map((r) => [
    r.name,
    r.service,
    r.checked ? 'checked' : 'unchecked',
    r.emulated ? 'yes' : 'no',
    r.creates ? 'yes' : '-',
    r.undo.length > 0 ? r.undo.join(' + ') : r.creates && !r.checked ? 'needs undo:' : '-',
    r.description,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('  ')
  return [line(header), ...cells.map(line)].join('\n') + '\n'
}

/** `iamflow actions [--json] [--service iam] [--all]`: what a step's `action:` may name. */
export const actionsCommand: CommandModule<object, ActionsArgs> = {
  command: 'actions',
  describe: 'List the actions a step may call: checked ones (input validated, undo known) and, with --all, every other SDK operation, each marked as served by the emulator or not',
  builder: (y) =>
    y
      .option('json', { type: 'boolean', describe: 'Print JSON (an array of rows) instead of a table' })
      .option('service', { choices: ['iam', 'sts', 's3', 'iamflow'] as const, describe: 'Only the actions of one service' })
      .option('all', { type: 'boolean', describe: 'Include the unchecked pass-through operations of the SDK clients' })
      .example('$0 actions --service sts', 'The checked STS actions')
      .example('$0 actions --all --json', 'Every valid action name, as JSON'),
  handler: async (args) => {
    const [{ listActions }, { isEmulatedAction }] = await Promise.all([import('../actions/registry.js'), import('../engine/plan/unserved.js')])
    const actions = listActions({ service: args.service, includeUnchecked: args.all === true })
    const rows = actions.map((a) => actionRow(a, isEmulatedAction(a.name)))
    if (args.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
      return
    }
    process.stdout.write(formatActionsTable(rows))
    const missing = rows.filter((r) => !r.emulated).length
    if (missing > 0) process.stdout.write(`\n${missing} of these are not served by the emulator (EMULATED no): they run only with --target aws. See docs/coverage.md.\n`)
    if (!args.all) {
      const unchecked = listActions({ service: args.service, includeUnchecked: true }).length - rows.length
      process.stdout.write(`\n${rows.length} checked actions; ${unchecked} more SDK operations are reachable unchecked (--all lists them).\n`)
    }
  },
}
