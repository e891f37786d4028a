import { cliCommandOf, cliName, cliOption } from '../actions/cli-names.js'
import type { ActionDefinition } from '../actions/define-action.js'
import { resolveAction } from '../actions/registry.js'
import type { Plan, PlannedStep } from '../engine/plan/plan-types.js'
import { isPlainObject } from '../scenario/template.js'
import { OPERATOR, type OutputCheck } from '../scenario/types.js'

/**
 * What every export format shows of a scenario, computed from its plan and the registry: each
 * step's AWS CLI command (service, operation and option names derived from the model names),
 * who runs it, what must happen, what it captures and how it is undone. Values only a run knows
 * stay plan placeholders (`<roleArn from step create-role>`, `<run.id>`); each format renders
 * them its own way.
 */

/** Members holding a policy document: shown as files (`file://...`) in handouts. */
const DOCUMENT_MEMBERS = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'Policy'])
/** Streaming blob members the CLI reads from a file. */
const FILE_MEMBERS = new Set(['Body'])

/** One argument of a CLI command. */
export type CliArg =
  | { kind: 'flag'; option: string }
  | { kind: 'value'; option: string; member: string; value: string }
  | { kind: 'json'; option: string; member: string; value: unknown; document: boolean }
  | { kind: 'file'; option: string; member: string; content: string }
  | { kind: 'outfile'; name: string }

/** An AWS CLI call. */
export interface CliCall {
  service: string
  operation: string
  args: CliArg[]
}

/** A value a step keeps for later: a capture, an output an undo or identity needs. */
export interface Kept {
  /** Capture name, or `stepId.Path` for outputs an undo or identity reads. */
  name: string
  path: string
  capture: boolean
}

export interface ExportStep {
  number: number
  id: string
  title?: string
  action: ActionDefinition
  as: string
  /** Declared identities assumed before the step (as placeholders). */
  assumes: Array<{ identity: string; from: string; call: CliCall }>
  call: CliCall
  expect: { error?: string; message?: string; because?: string; output: Record<string, OutputCheck> }
  kept: Kept[]
  /** The identity this step's output becomes, with the output paths of its credentials. */
  identity?: { name: string; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** Undo calls (run as the operator at teardown), in the order given. */
  undo: CliCall[]
}

export interface ExportModel {
  name: string
  description?: string
  account?: string
  identities: Array<{ name: string; how: string }>
  steps: ExportStep[]
  /** Run-scoped names (`export --unique-names`, `uniqueNames: true`): the names carry `<suffix>`, one per run of the export. */
  uniqueNames?: boolean
}

/** `<x from step s>`, `<run.id>`: a value only a run knows. */
export const PLACEHOLDER = /<([^<>\n]+)>/g

/** The export model of a plan. */
export function exportModel(plan: Plan): ExportModel {
  const scenario = plan.scenario
  const identities: ExportModel['identities'] = [{ name: OPERATOR, how: 'the credentials the commands run with (your AWS CLI profile or environment)' }]
  for (const [name, decl] of Object.entries(scenario.identities)) {
    identities.push({
      name,
      how:
        decl.impersonate !== undefined
          ? `impersonates ${String(decl.impersonate)} (iamflow emulator only: no AWS CLI command makes it)`
          : `assumes ${String(decl.assume)} on first use${decl.from ? `, as ${decl.from}` : ''}`,
    })
  }
  const steps = plan.steps.map((p, i) => exportStep(p, i + 1))
  for (const s of steps) if (s.identity) identities.push({ name: s.identity.name, how: `the credentials step ${s.number} (${s.id}) returns` })
  return { name: scenario.name, ...(scenario.description ? { description: scenario.description } : {}), ...(scenario.account ? { account: scenario.account } : {}), identities, steps, ...(plan.uniqueNames ? { uniqueNames: true } : {}) }
}

function exportStep(p: PlannedStep, number: number): ExportStep {
  const step = p.step
  const expectPreview = p.expectPreview ?? step.expect
  const kept: Kept[] = Object.entries(step.capture).map(([name, path]) => ({ name, path, capture: true }))
  const keep = (path: string) => {
    if (!kept.some((k) => k.path === path)) kept.push({ name: `${step.id}.${path}`, path, capture: false })
  }
  const undo = (p.undoPreview ?? []).map((u) => callOf(actionOrName(u.action), u.input, `${step.id}-undo`))
  for (const u of p.undoPreview ?? []) for (const path of outputRefs(u.input, step.id, step.capture)) keep(path)
  const out: ExportStep = {
    number,
    id: step.id,
    ...(step.name ? { title: step.name } : {}),
    action: p.action,
    as: p.as,
    assumes: (p.assumes ?? []).filter((a) => !a.impersonate).map((a) => ({
      identity: a.identity,
      from: a.from,
      call: callOf(actionOrName('sts.assumeRole'), {
        RoleArn: a.roleArn,
        RoleSessionName: a.sessionName ?? `iamflow-${a.identity}`,
        ...(a.duration !== undefined ? { DurationSeconds: a.duration } : {}),
        ...(a.externalId !== undefined ? { ExternalId: a.externalId } : {}),
      }, `${step.id}-assume`),
    })),
    call: callOf(p.action, p.previewInput, step.id),
    expect: { ...(expectPreview.error ? { error: expectPreview.error } : {}), ...(expectPreview.message ? { message: expectPreview.message } : {}), ...(expectPreview.because ? { because: expectPreview.because } : {}), output: expectPreview.output },
    kept,
    undo: step.expect.error === undefined ? undo : [],
  }
  if (step.identity && p.action.identity) {
    const creds = p.action.identity(recordingOutput([]) as never, p.previewInput as never)
    const path = (v: unknown) => pathOf(v)
    const id = { name: step.identity, accessKeyId: path(creds.accessKeyId), secretAccessKey: path(creds.secretAccessKey), ...(creds.sessionToken !== undefined ? { sessionToken: path(creds.sessionToken) } : {}) }
    for (const p2 of [id.accessKeyId, id.secretAccessKey, id.sessionToken]) if (p2) keep(p2)
    out.identity = id
  }
  return out
}

function actionOrName(name: string): Pick<ActionDefinition, 'name' | 'service' | 'command'> {
  const known = resolveAction(name)
  if (known) return known
  return { name, service: name.slice(0, name.indexOf('.')) as ActionDefinition['service'], command: `${name.slice(name.indexOf('.') + 1).replace(/^./, (c) => c.toUpperCase())}Command` }
}

/** The CLI call for an action and a (previewed) input. */
export function callOf(action: Pick<ActionDefinition, 'name' | 'service' | 'command'>, input: unknown, fileStem: string): CliCall {
  const [service, operation] = cliCommandOf(action)
  const args: CliArg[] = []
  for (const [member, value] of Object.entries(isPlainObject(input) ? input : {})) {
    if (value === undefined || value === null) continue
    const option = cliOption(member)
    if (FILE_MEMBERS.has(member) && typeof value === 'string') args.push({ kind: 'file', option, member, content: value })
    else if (typeof value === 'boolean') args.push({ kind: 'flag', option: value ? option : `--no-${cliName(member)}` })
    else if (typeof value === 'string' || typeof value === 'number') args.push({ kind: 'value', option, member, value: String(value) })
    else args.push({ kind: 'json', option, member, value, document: DOCUMENT_MEMBERS.has(member) && isPlainObject(value) })
  }
  // `aws s3api get-object` writes the body to a file named after the options.
  if (action.name === 's3.getObject') args.push({ kind: 'outfile', name: `${fileStem}.body` })
  return { service, operation, args }
}

/** Output paths of step `stepId` an undo input refers to (`<AccessKey.AccessKeyId from step key>`), captures aside. */
function outputRefs(input: unknown, stepId: string, captures: Record<string, string>): string[] {
  const out: string[] = []
  for (const m of JSON.stringify(input ?? null).matchAll(PLACEHOLDER)) {
    const ref = /^(.+) from step (.+)$/.exec(m[1])
    if (ref && ref[2] === stepId && !Object.prototype.hasOwnProperty.call(captures, ref[1])) out.push(ref[1])
  }
  return out
}

const PATHS = new WeakMap<object, string>()

/** An output whose every member records its path (what an action's identity reads). */
function recordingOutput(path: string[]): unknown {
  const proxy: object = new Proxy(
    {},
    {
      get(_t, prop) {
        if (prop === Symbol.toPrimitive || prop === 'toJSON' || prop === 'toString') return () => path.join('.')
        if (typeof prop === 'symbol' || prop === 'then') return undefined
        return recordingOutput([...path, prop])
      },
    },
  )
  PATHS.set(proxy, path.join('.'))
  return proxy
}

function pathOf(value: unknown): string {
  return (value !== null && typeof value === 'object' && PATHS.get(value)) || String(value)
}

/** An output path as JMESPath for `--query`: `Buckets.0.Name` -> `Buckets[0].Name`. */
export function jmesPath(path: string): string {
  return path.replace(/\.(\d+)(?=\.|\[|$)/g, '[$1]')
}
