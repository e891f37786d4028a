import { isAbsolute, normalize } from 'node:path'
import type { ActionDefinition } from '../actions/define-action.js'
import { resolveAction, suggestAction } from '../actions/registry.js'
import { isPlainObject, templateRefs, TemplateError } from './template.js'
import type { CheckContext } from './check-context.js'
import type { DocPath } from './locator.js'
import { RESERVED_NAMES } from './names.js'
import { checkOutputPath, parseOutputPath } from './output-path.js'
import { Scope } from './scope.js'
import { OPERATOR } from './types.js'
import { checkIdentities, checkIdentityUse } from './semantic-identities.js'
import { checkEnv } from './semantic-env.js'
import { checkAccountRef, checkAccounts } from './semantic-accounts.js'

/** What the semantic checks work with. */
export type { CheckContext }

/** The default id of the step at `index` when it gives none. */
export function defaultStepId(index: number): string {
  return `step-${index + 1}`
}

/**
 * The checks a schema cannot express, made before anything runs: unknown actions (with a
 * suggestion), undefined template names (a name must be defined before the step that uses it),
 * identities used before they exist, duplicate ids, capture and output paths that cannot exist,
 * `identity:` on an action that returns no credentials, a create-like call nobody can undo,
 * contradictions (`teardown: false` with `undo:`, captures on a step expected to fail), and
 * environment variables read without a declaration or holding credentials (semantic-env.ts).
 * Works on the raw document so it can run alongside the schema check and report everything.
 */
export function checkSemantics(data: Record<string, unknown>, ctx: CheckContext): void {
  const scope = new Scope()
  checkAccounts(data, scope, ctx)
  checkVars(data.vars, scope, ctx)
  const identities = isPlainObject(data.identities) ? data.identities : {}
  for (const name of Object.keys(identities)) {
    reserved(name, ['identities', name], ctx, 'identity')
    scope.addDeclaredIdentity(name)
    const decl = identities[name]
    if (isPlainObject(decl)) checkAccountRef(decl.account, ['identities', name, 'account'], scope, ctx)
  }
  const steps = Array.isArray(data.steps) ? data.steps : []
  collectDefinitions(steps, scope, ctx)
  const seenIds = new Map<string, number>()
  const firstUse = new Set<string>()
  steps.forEach((raw, index) => {
    if (!isPlainObject(raw)) return
    checkStep(raw, index, { scope, seenIds, firstUse, identities }, ctx)
    checkEmulatorOnly(raw, index, data.requires === 'emulator', ctx)
  })
  checkIdentities(identities, scope, ctx)
  checkEnv(data, ctx)
  checkSnapshotUse(data, identities, ctx)
}

/**
 * `snapshot:` and `impersonate:` identities exist only on the emulator: the scenario must say
 * `requires: emulator` (then --target aws refuses it before any call). A snapshot path is
 * relative to the scenario's directory and stays inside it, like a policy file.
 */
function checkSnapshotUse(data: Record<string, unknown>, identities: Record<string, unknown>, ctx: CheckContext): void {
  const declared = data.requires === 'emulator'
  const hint = 'add `requires: emulator` at the top of the scenario (then --target aws refuses it before any call)'
  if (typeof data.snapshot === 'string') {
    const p = data.snapshot
    if (isAbsolute(p) || normalize(p).split(/[\\/]/)[0] === '..') {
      ctx.diag.add('bad-snapshot', `snapshot: ${p} must be a path relative to the scenario's directory, inside it`, ctx.locator.locate(['snapshot']), 'keep the snapshot beside the scenario (e.g. snapshots/prod-iam.json), or give run --snapshot FILE')
    } else if (!declared) {
      ctx.diag.add('undeclared-emulator-only', 'snapshot: loads the account into the iamflow emulator, but the scenario does not say it runs only there', ctx.locator.locate(['snapshot'], { key: true }), hint)
    }
  }
  for (const [name, decl] of Object.entries(identities)) {
    if (!isPlainObject(decl)) continue
    const has = (k: string) => Object.hasOwn(decl, k)
    if (has('impersonate') === has('assume')) {
      ctx.diag.add('schema', `identity ${name} needs exactly one of assume: (a role to assume) and impersonate: (a principal to act as, emulator only)`, ctx.locator.locate(['identities', name], { key: true }), 'assume: ARN assumes the role with sts:AssumeRole; impersonate: ARN acts as an existing role or user without its credentials')
      continue
    }
    if (!has('impersonate')) continue
    for (const k of ['from', 'externalId', 'account']) {
      if (has(k)) ctx.diag.add('schema', `identity ${name}: ${k}: does not apply to impersonate: (the emulator makes the session itself)`, ctx.locator.locate(['identities', name, k], { key: true }), `remove ${k}:`)
    }
    if (!declared) ctx.diag.add('undeclared-emulator-only', `identity ${name} impersonates a principal, which only the iamflow emulator can do, but the scenario does not say so`, ctx.locator.locate(['identities', name, 'impersonate'], { key: true }), hint)
  }
}

interface StepState {
  scope: Scope
  seenIds: Map<string, number>
  firstUse: Set<string>
  identities: Record<string, unknown>
}

function checkStep(step: Record<string, unknown>, index: number, state: StepState, ctx: CheckContext): void {
  const at = (...rest: Array<string | number>): DocPath => ['steps', index, ...rest]
  const { scope } = state
  const id = typeof step.id === 'string' ? step.id : defaultStepId(index)
  const previous = state.seenIds.get(id)
  if (previous !== undefined) {
    ctx.diag.add('duplicate-step-id', `step id "${id}" is already used by steps[${previous}]`, ctx.locator.locate(step.id === undefined ? at() : at('id')), 'give every step a unique id')
  } else state.seenIds.set(id, index)

  const action = typeof step.action === 'string' ? knownAction(step.action, at('action'), ctx) : undefined
  checkAccountRef(step.account, at('account'), scope, ctx)
  const expect = isPlainObject(step.expect) ? step.expect : {}
  const expectsError = typeof expect.error === 'string'

  if (typeof step.as === 'string') {
    if (!scope.identityAvailable(step.as, index)) {
      const def = scope.definition(step.as)
      const message = def?.stepId ? `identity "${step.as}" is created by step ${def.stepId}, which runs later` : `identity "${step.as}" is not defined`
      ctx.diag.add('unknown-identity', message, ctx.locator.locate(at('as')), `act as ${OPERATOR}, an identity named by an earlier step's identity:, or one declared under identities:`)
    } else if (scope.isDeclaredIdentity(step.as)) {
      checkIdentityUse(step.as, index, id, state.identities, scope, state.firstUse, ctx)
    }
  }

  checkTemplates(step.input, at('input'), index, false, scope, ctx)
  checkTemplates(step.expect, at('expect'), index, false, scope, ctx)

  if (typeof step.identity === 'string') {
    if (action && !action.identity) {
      ctx.diag.add('no-identity', `${action.name} returns no credentials, so identity: cannot name its output`, ctx.locator.locate(at('identity')), 'identities come from iam.createAccessKey, sts.assumeRole or sts.getSessionToken (or declare one under identities:)')
    }
    if (expectsError) ctx.diag.add('identity-on-error', 'a step expected to fail produces no identity', ctx.locator.locate(at('identity')), 'remove identity:, or expect success')
  }

  const captures = isPlainObject(step.capture) ? step.capture : {}
  for (const [name, path] of Object.entries(captures)) {
    if (expectsError) {
      ctx.diag.add('capture-on-error', `capture "${name}" needs a successful output, but this step expects ${String(expect.error)}`, ctx.locator.locate(at('capture', name), { key: true }), 'move the capture to a step that succeeds')
    }
    if (typeof path === 'string') checkPath(action, path, at('capture', name), 'capture path', ctx)
  }
  if (isPlainObject(expect.output)) {
    if (expectsError) ctx.diag.add('output-on-error', 'output checks need a successful call, but this step expects an error', ctx.locator.locate(at('expect', 'output'), { key: true }), 'remove output:, or remove error:')
    for (const [path, check] of Object.entries(expect.output)) {
      checkPath(action, path, at('expect', 'output', path), 'output path', ctx, true)
      if (isPlainObject(check) && typeof check.matches === 'string') checkRegex(check.matches, at('expect', 'output', path, 'matches'), ctx)
    }
  }
  if (typeof expect.message === 'string' && /^\/.*\/[a-z]*$/s.test(expect.message)) checkRegex(expect.message, at('expect', 'message'), ctx)

  checkUndo(step, index, at, scope, ctx)
  if (action?.creates && !action.undo && step.undo === undefined && step.teardown !== false) {
    ctx.diag.add(
      'no-undo',
      `${action.name} creates something iamflow cannot undo by itself`,
      ctx.locator.locate(at('action')),
      `add undo: { action: <the delete call>, input: {...} } to this step, or teardown: false to keep it on purpose`,
    )
  }
}

function checkUndo(step: Record<string, unknown>, index: number, at: (...r: Array<string | number>) => DocPath, scope: Scope, ctx: CheckContext): void {
  if (step.undo === undefined) return
  if (step.teardown === false) {
    ctx.diag.add('undo-and-keep', 'teardown: false keeps what this step creates, so its undo: would never run', ctx.locator.locate(at('teardown'), { key: true }), 'remove teardown: false or remove undo:')
  }
  const calls = Array.isArray(step.undo) ? step.undo.map((c, i) => [c, at('undo', i)] as const) : [[step.undo, at('undo')] as const]
  for (const [call, path] of calls) {
    if (!isPlainObject(call)) continue
    const undoAction = typeof call.action === 'string' ? knownAction(call.action, [...path, 'action'], ctx) : undefined
    checkTemplates(call.input, [...path, 'input'], index, true, scope, ctx)
    if (undoAction && isPlainObject(call.input)) {
      for (const p of ctx.validator.validateInput(undoAction.name, call.input, [...path, 'input'])) {
        ctx.diag.add(p.code, p.message, ctx.locator.locate(p.path, { key: p.key }), p.hint)
      }
    } else if (undoAction && call.input === undefined) {
      for (const p of ctx.validator.validateInput(undoAction.name, {}, [...path, 'input'])) ctx.diag.add(p.code, p.message, ctx.locator.locate(path), p.hint)
    }
  }
}

/** Vars may use built-ins and earlier vars. */
function checkVars(vars: unknown, scope: Scope, ctx: CheckContext): void {
  if (!isPlainObject(vars)) return
  for (const [name, value] of Object.entries(vars)) {
    reserved(name, ['vars', name], ctx, 'var')
    // A var may use only earlier vars and built-ins: index -1 admits no capture or step identity.
    checkTemplates(value, ['vars', name], -1, false, scope, ctx, 'in vars:, a template may use earlier vars, run.id, account.id and env.NAME')
    scope.addVar(name)
  }
}

/** Registers every capture and step identity with its step, for "defined later" messages. */
function collectDefinitions(steps: unknown[], scope: Scope, ctx: CheckContext): void {
  const identityOwners = new Map<string, string>()
  steps.forEach((raw, index) => {
    if (!isPlainObject(raw)) return
    const id = typeof raw.id === 'string' ? raw.id : defaultStepId(index)
    if (isPlainObject(raw.capture)) {
      for (const name of Object.keys(raw.capture)) {
        const path = ['steps', index, 'capture', name]
        const def = scope.definition(name)
        if (def?.kind === 'var') ctx.diag.add('name-taken', `capture "${name}" has the name of a var`, ctx.locator.locate(path, { key: true }), 'rename the capture or the var')
        else if (def?.kind === 'capture') ctx.diag.add('name-taken', `"${name}" is already captured by step ${def.stepId}`, ctx.locator.locate(path, { key: true }), 'give each capture its own name')
        else if (def?.kind === 'identity') ctx.diag.add('name-taken', `capture "${name}" has the name of an identity`, ctx.locator.locate(path, { key: true }), 'rename the capture')
        else reserved(name, path, ctx, 'capture')
        scope.addCapture(name, index, id)
      }
    }
    if (typeof raw.identity === 'string') {
      const name = raw.identity
      const path = ['steps', index, 'identity']
      if (name === OPERATOR || scope.isDeclaredIdentity(name)) {
        ctx.diag.add('name-taken', `identity "${name}" is already ${name === OPERATOR ? 'the built-in operator' : 'declared under identities:'}`, ctx.locator.locate(path), 'give this identity another name')
      } else if (identityOwners.has(name)) {
        ctx.diag.add('name-taken', `identity "${name}" is already created by step ${identityOwners.get(name)}`, ctx.locator.locate(path), 'give each identity its own name')
      } else if (scope.definition(name)) {
        ctx.diag.add('name-taken', `identity "${name}" has the name of a var or capture`, ctx.locator.locate(path), 'rename the identity')
      }
      if (!identityOwners.has(name)) identityOwners.set(name, id)
      scope.addStepIdentity(name, index, id)
    }
  })
}

/** Every `${{ }}` in `value` must be well-formed and defined for the step at `index`. */
export function checkTemplates(value: unknown, path: DocPath, index: number, ownCaptures: boolean, scope: Scope, ctx: CheckContext, hint?: string): void {
  let refs: Array<{ name: string; path: Array<string | number> }>
  try {
    refs = templateRefs(value, path)
  } catch (err) {
    if (err instanceof TemplateError) {
      // err.path is already absolute (templateRefs got `path` as its base).
      ctx.diag.add(err.code, err.message, ctx.locator.locateText(err.path, /\$\{\{/), err.hint ?? '')
      return
    }
    throw err
  }
  for (const ref of refs) {
    if (scope.isDefined(ref.name, index, ownCaptures)) continue
    const { message, hint: why } = scope.explainUndefined(ref.name, index)
    const loc = ctx.locator.locateText(ref.path, new RegExp(`\\$\\{\\{\\s*${escapeRe(ref.name)}\\s*\\}\\}`))
    ctx.diag.add('unknown-name', message, loc, hint ?? why)
  }
}

/** An emulator-only action (`iamflow.*`) needs the scenario to say `requires: emulator`. */
function checkEmulatorOnly(step: Record<string, unknown>, index: number, declared: boolean, ctx: CheckContext): void {
  if (declared || typeof step.action !== 'string') return
  if (resolveAction(step.action)?.emulatorOnly !== true) return
  ctx.diag.add(
    'undeclared-emulator-only',
    `${step.action} runs only on the iamflow emulator, but the scenario does not say so`,
    ctx.locator.locate(['steps', index, 'action']),
    'add `requires: emulator` at the top of the scenario (then --target aws refuses it before any call)',
  )
}

function knownAction(name: string, path: DocPath, ctx: CheckContext): ActionDefinition | undefined {
  const action = resolveAction(name)
  if (action) return action
  const guess = suggestAction(name)
  ctx.diag.add('unknown-action', `unknown action ${name}${guess ? `: did you mean ${guess}?` : ''}`, ctx.locator.locate(path), 'actions are service.operation in lowerCamelCase (iam.createRole); `iamflow actions` lists them')
  return undefined
}

function checkPath(action: ActionDefinition | undefined, path: string, at: DocPath, what: string, ctx: CheckContext, isKey = false): void {
  const segments = parseOutputPath(path)
  if (!segments || !action?.output) return
  const problem = checkOutputPath(action.output, segments)
  if (!problem) return
  const known = problem.known.filter((k) => k !== '$metadata')
  ctx.diag.add(
    'bad-output-path',
    `${what} ${path} cannot exist in the output of ${action.name} (no ${problem.at})`,
    ctx.locator.locate(at, { key: isKey }),
    known.length > 0 ? `members there: ${known.join(', ')}` : `${problem.at} is not a member or list there: see the output of ${action.name} in the AWS API reference`,
  )
}

function checkRegex(text: string, path: DocPath, ctx: CheckContext): void {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(text)
  try {
    if (m) new RegExp(m[1], m[2])
    else new RegExp(text)
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err)
    ctx.diag.add('bad-regex', `invalid regular expression: ${reason}`, ctx.locator.locate(path), 'write a JavaScript regular expression, e.g. /^arn:aws:iam::/ or ^AROA')
  }
}

function reserved(name: string, path: DocPath, ctx: CheckContext, what: string): void {
  if ((RESERVED_NAMES as readonly string[]).includes(name)) {
    ctx.diag.add('reserved-name', `"${name}" is reserved and cannot name a ${what}`, ctx.locator.locate(path, { key: true }), `pick another name; ${RESERVED_NAMES.join(', ')} are reserved`)
  }
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
