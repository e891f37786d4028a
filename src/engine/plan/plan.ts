import type { ActionDefinition, UndoSpec } from '../../actions/define-action.js'
import { resolveAction } from '../../actions/registry.js'
import { InputError } from '../../errors.js'
import { accountIdName, identityField, isBuiltinName } from '../../scenario/names.js'
import type { EnvDecl } from '../../scenario/env-vars.js'
import { OPERATOR, type Expectation, type Scenario, type Step } from '../../scenario/types.js'
import { parseVarOverrides, resolveVars } from '../../scenario/vars.js'
import type { Plan, PlannedAssume, PlannedEnv, PlannedStep, UniqueNames } from './plan-types.js'
import { interpolate, isPlainObject, setOwn, type Lookup } from '../../scenario/template.js'
import { Renamer } from './rename.js'
import { collectNames, uniqueNamesWanted } from './unique-names.js'

/** Options of `buildPlan`. */
/** How the plan names the implicit account. */
export const DEFAULT_ACCOUNT = 'default'

export interface PlanOptions {
  /** Var overrides, already typed (see `parseVarOverrides`), or raw `name=value` pairs. */
  vars?: Record<string, unknown> | readonly string[]
  /** Where to look whether the declared `env:` variables are set (default: the process environment; values are never read into the plan). */
  env?: Readonly<Record<string, string | undefined>>
  /** `--unique-names` (true), `--no-unique-names` (false) or neither; the scenario's `uniqueNames:` may decide (see `uniqueNamesWanted`). */
  uniqueNames?: boolean
  /** The id of the run this plan is for: the run-scoped suffix derives from it, and the runner uses it. Without one, the plan shows the suffix as `<suffix>`. */
  runId?: string
}

/**
 * The dry-run: what a full run would do, computed without any call or credential. Inputs are
 * interpolated with everything known statically (vars, overrides, a pinned `account:`); values
 * only a run knows are shown as placeholders: `<roleArn from step create-role>`, `<run.id>`,
 * `<account.id>`, `<env.HOME>` (environment values are never printed), `<arn of identity demo>`.
 */
export function buildPlan(scenario: Scenario, opts: PlanOptions = {}): Plan {
  const overrides = Array.isArray(opts.vars) ? parseVarOverrides(scenario.vars, opts.vars) : checkOverrides(scenario, (opts.vars ?? {}) as Record<string, unknown>)
  const builtin: Lookup = (name) => {
    if (name === 'account.id' && scenario.account) return { found: true, value: scenario.account }
    const named = accountIdName(name)
    const pinned = named === undefined ? undefined : scenario.accounts.find((a) => a.name === named)?.id
    if (pinned !== undefined) return { found: true, value: pinned }
    if (isBuiltinName(name)) return { found: true, value: `<${name}>` }
    const field = identityField(name)
    if (field) return { found: true, value: `<${field.field} of identity ${field.identity}>` }
    return { found: false }
  }
  const vars = resolveVars({ ...scenario.vars, ...overrides }, builtin)
  const captures = new Map<string, string>()
  const lookup: Lookup = (name) => {
    if (Object.prototype.hasOwnProperty.call(vars, name)) return { found: true, value: vars[name] }
    const from = captures.get(name)
    if (from !== undefined) return { found: true, value: `<${name} from step ${from}>` }
    return builtin(name)
  }
  const planSteps = (names?: Renamer) => {
    captures.clear()
    const assumed = new Set<string>()
    return scenario.steps.map((step) => {
      const planned = planStep(scenario, step, lookup, assumed, names)
      for (const name of Object.keys(step.capture)) captures.set(name, step.id)
      return planned
    })
  }
  let steps = planSteps()
  let uniqueNames: UniqueNames | undefined
  if (uniqueNamesWanted(scenario, opts.uniqueNames)) {
    // The names are those the steps create, as previewed; then every step is planned again with them.
    uniqueNames = collectNames(scenario, steps, opts.runId)
    steps = planSteps(new Renamer(uniqueNames.names))
  }
  const teardown = steps
    .filter((s) => !s.kept && s.undoActions.length > 0)
    .reverse()
    // The account of each undo, when the scenario declares accounts (plans of one account stay as they were).
    .map((s) => ({ stepId: s.step.id, actions: s.undoActions, ...(scenario.accounts.length > 0 ? { account: s.account } : {}) }))
  const env = opts.env ?? process.env
  const envPlan = scenario.env.map((d) => ({ ...plannedEnv(d), set: Object.prototype.hasOwnProperty.call(env, d.name) && env[d.name] !== undefined }))
  return { scenario, vars, env: envPlan, steps, teardown, ...(uniqueNames ? { uniqueNames } : {}) }
}

function planStep(scenario: Scenario, step: Step, lookup: Lookup, assumed: Set<string>, names?: Renamer): PlannedStep {
  const action = resolveAction(step.action)
  if (!action) {
    throw new InputError('unknown-action', `unknown action ${step.action}`, { location: scenario.locate(['steps', step.index, 'action']), hint: '`iamflow actions` lists them' })
  }
  const at = (...rest: Array<string | number>) => ({ path: ['steps', step.index, ...rest], locate: scenario.locate, previewCalls: true })
  const rawInput = interpolate(step.input, lookup, at('input'))
  const previewInput = names ? names.input(rawInput, action) : rawInput
  const rawExpect = interpolate(step.expect, lookup, at('expect')) as Expectation
  const planned: PlannedStep = {
    step,
    action,
    previewInput,
    as: step.as,
    account: step.account ?? DEFAULT_ACCOUNT,
    undoActions: [],
    kept: !step.teardown,
    unchecked: !action.checked,
    expectPreview: names ? names.expectation(rawExpect, action) : rawExpect,
  }
  const assumes = assumeChain(scenario, step.as, lookup, assumed, names)
  if (assumes.length > 0) planned.assumes = assumes
  // A step that must fail creates nothing, so a run records no undo for it.
  if (planned.kept || step.expect.error !== undefined) return planned
  const own: Lookup = (name) => (Object.prototype.hasOwnProperty.call(step.capture, name) ? { found: true, value: `<${name} from step ${step.id}>` } : lookup(name))
  if (step.undo) {
    planned.undoPreview = step.undo.map((u, i) => {
      const input = interpolate(u.input, own, at('undo', i, 'input'))
      return { action: u.action, input: names ? names.input(input, resolveAction(u.action)) : input }
    })
    planned.undoActions = step.undo.map((u) => u.action)
  } else if (action.undo) {
    const preview = previewUndo(action, previewInput, step.id)
    if (preview) {
      planned.undoPreview = preview
      planned.undoActions = preview.map((u) => u.action)
    } else {
      planned.undoActions = [...(action.undoActions ?? [])]
    }
  }
  return planned
}

/** The declared identities a step acting as `name` assumes first (the chain's start first). */
function assumeChain(scenario: Scenario, name: string, lookup: Lookup, assumed: Set<string>, names?: Renamer): PlannedAssume[] {
  const chain: PlannedAssume[] = []
  for (let current: string | undefined = name; current && current !== OPERATOR && !assumed.has(current); ) {
    const decl: Scenario['identities'][string] | undefined = scenario.identities[current]
    if (!decl) break
    assumed.add(current)
    const path = ['identities', current]
    const impersonates = decl.impersonate !== undefined
    const item: PlannedAssume = {
      identity: current,
      from: impersonates ? OPERATOR : (decl.from ?? (decl.account !== undefined ? `${OPERATOR} of account ${decl.account}` : OPERATOR)),
      roleArn: renameText(interpolate(impersonates ? decl.impersonate : decl.assume, lookup, { path: [...path, impersonates ? 'impersonate' : 'assume'], locate: scenario.locate, previewCalls: true }), names),
      ...(impersonates ? { impersonate: true as const } : {}),
    }
    if (decl.duration !== undefined) item.duration = interpolate(decl.duration, lookup, { previewCalls: true })
    if (decl.sessionName !== undefined) item.sessionName = interpolate(decl.sessionName, lookup, { previewCalls: true })
    if (decl.externalId !== undefined) item.externalId = interpolate(decl.externalId, lookup, { previewCalls: true })
    chain.unshift(item)
    current = decl.from
  }
  return chain
}

/**
 * Calls the action's own `undo` with the previewed input and an output whose every member reads
 * as `<Member.Path from step id>`. Undefined when the undo needs real output to decide.
 */
function previewUndo(action: ActionDefinition, input: unknown, stepId: string): Array<{ action: string; input: unknown }> | undefined {
  const marks = new WeakMap<object, string>()
  try {
    const result = action.undo?.(input, placeholderOutput([], stepId, marks))
    if (result === undefined) return undefined
    const list: UndoSpec[] = Array.isArray(result) ? result : [result]
    return list.map((u) => ({ action: String(u.action), input: unwrap(u.input, marks) }))
  } catch {
    return undefined
  }
}

function placeholderOutput(path: string[], stepId: string, marks: WeakMap<object, string>): unknown {
  const text = `<${path.join('.')} from step ${stepId}>`
  const proxy: object = new Proxy(
    {},
    {
      get(_t, prop) {
        if (prop === Symbol.toPrimitive) return () => text
        if (prop === 'toJSON' || prop === 'toString') return () => text
        if (typeof prop === 'symbol' || prop === 'then') return undefined
        return placeholderOutput([...path, prop], stepId, marks)
      },
    },
  )
  marks.set(proxy, text)
  return proxy
}

function unwrap(value: unknown, marks: WeakMap<object, string>): unknown {
  if (value !== null && typeof value === 'object' && marks.has(value)) return marks.get(value)
  if (Array.isArray(value)) return value.map((v) => unwrap(v, marks))
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) setOwn(out, k, unwrap(v, marks))
    return out
  }
  return value
}

function renameText(value: unknown, names: Renamer | undefined): unknown {
  return names && typeof value === 'string' ? names.text(value) : value
}

function checkOverrides(scenario: Scenario, vars: Record<string, unknown>): Record<string, unknown> {
  for (const name of Object.keys(vars)) {
    if (!Object.prototype.hasOwnProperty.call(scenario.vars, name)) {
      throw new InputError('unknown-var', `the scenario has no var named ${name}`, { hint: `its vars are: ${Object.keys(scenario.vars).join(', ') || 'none'}` })
    }
  }
  return vars
}

function plannedEnv(d: EnvDecl): Omit<PlannedEnv, 'set'> {
  return { name: d.name, ...(d.description !== undefined ? { description: d.description } : {}), ...(d.default !== undefined ? { default: d.default } : {}) }
}
