import { dirname, resolve } from 'node:path'
import { isPlainObject } from './template.js'
import { envEntries, type EnvDecl } from './env-vars.js'
import type { Locator } from './locator.js'
import { defaultStepId } from './semantic.js'
import { OPERATOR, type AccountDecl, type Because, type Expectation, type IdentityDecl, type OutputCheck, type Scenario, type Step, type UndoDecl } from './types.js'
import { setOwn } from '../safe-object.js'

const CHECK_KEYS = ['equals', 'exists', 'matches', 'contains']

/**
 * Builds the typed Scenario from a document that passed every check, with defaults applied
 * (`as: operator`, `input: {}`, `teardown: true`, step ids). Values are the loaded data, deeply
 * frozen: interpolation makes new values, nothing mutates these.
 */
export function buildScenario(data: Record<string, unknown>, file: string, locator: Locator): Scenario {
  deepFreeze(data)
  const steps = (data.steps as unknown[]).map((raw, index) => buildStep(raw as Record<string, unknown>, index, locator))
  const identities: Record<string, IdentityDecl> = {}
  for (const [name, raw] of Object.entries((data.identities as Record<string, Record<string, unknown>> | undefined) ?? {})) {
    setOwn(identities, name, {
      name,
      ...(raw.assume !== undefined ? { assume: raw.assume } : {}),
      ...(raw.impersonate !== undefined ? { impersonate: raw.impersonate } : {}),
      from: raw.from as string | undefined,
      duration: raw.duration as number | undefined,
      sessionName: raw.sessionName,
      externalId: raw.externalId,
      ...(typeof raw.account === 'string' ? { account: raw.account } : {}),
      loc: locator.locate(['identities', name]),
    })
  }
  const scenario: Scenario = {
    file,
    name: data.name as string,
    description: data.description as string | undefined,
    account: data.account as string | undefined,
    accounts: Object.entries((data.accounts as Record<string, Record<string, unknown> | null> | undefined) ?? {}).map(([name, raw]): AccountDecl => ({
      name,
      ...(typeof raw?.id === 'string' ? { id: raw.id } : {}),
      ...(typeof raw?.profile === 'string' ? { profile: raw.profile } : {}),
      loc: locator.locate(['accounts', name], { key: true }),
    })),
    ...(typeof data.snapshot === 'string' ? { snapshot: resolve(dirname(file), data.snapshot) } : {}),
    ...(data.requires === 'emulator' ? { requires: 'emulator' as const } : {}),
    ...(typeof data.uniqueNames === 'boolean' ? { uniqueNames: data.uniqueNames } : {}),
    vars: (data.vars as Record<string, unknown> | undefined) ?? {},
    env: envEntries(data.env).map((e) => {
      const decl: EnvDecl = { name: e.name, loc: locator.locate(e.path, { key: e.key }) }
      if (e.description !== undefined) decl.description = e.description
      if (e.default !== undefined) decl.default = e.default
      return decl
    }),
    identities,
    steps,
    locate: (path, opts) => locator.locate(path, opts),
    codeFrame: (loc) => locator.frame(loc),
  }
  return scenario
}

function buildStep(raw: Record<string, unknown>, index: number, locator: Locator): Step {
  const step: Step = {
    id: (raw.id as string | undefined) ?? defaultStepId(index),
    action: raw.action as string,
    input: (raw.input as Record<string, unknown> | undefined) ?? {},
    as: (raw.as as string | undefined) ?? OPERATOR,
    expect: buildExpectation(raw.expect as Record<string, unknown> | undefined),
    capture: (raw.capture as Record<string, string> | undefined) ?? {},
    teardown: raw.teardown !== false,
    loc: locator.locate(['steps', index]),
    index,
  }
  if (typeof raw.name === 'string') step.name = raw.name
  if (typeof raw.identity === 'string') step.identity = raw.identity
  if (typeof raw.account === 'string') step.account = raw.account
  if (raw.undo !== undefined) step.undo = (Array.isArray(raw.undo) ? raw.undo : [raw.undo]).map(buildUndo)
  if (isPlainObject(raw.retry)) step.retry = { window: raw.retry.window as number | undefined }
  return step
}

function buildExpectation(raw: Record<string, unknown> | undefined): Expectation {
  const expectation: Expectation = { output: {} }
  if (!raw) return expectation
  if (typeof raw.error === 'string') expectation.error = raw.error
  if (typeof raw.message === 'string') expectation.message = raw.message
  if (typeof raw.because === 'string') expectation.because = raw.because as Because
  for (const [path, check] of Object.entries((raw.output as Record<string, unknown> | undefined) ?? {})) {
    // Output paths are the scenario's: `__proto__` must stay a check, not become the prototype.
    setOwn(expectation.output, path, toCheck(check))
  }
  return expectation
}

/** A plain value means equality; a map with one check key is that check. */
export function toCheck(value: unknown): OutputCheck {
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
    if (keys.length === 1 && CHECK_KEYS.includes(keys[0])) return value as OutputCheck
  }
  return { equals: value }
}

function buildUndo(raw: unknown): UndoDecl {
  const call = raw as Record<string, unknown>
  return { action: call.action as string, input: (call.input as Record<string, unknown> | undefined) ?? {} }
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || ArrayBuffer.isView(value)) return
  Object.freeze(value)
  for (const item of Object.values(value)) deepFreeze(item)
}
