import type { ActionDefinition, UndoSpec } from '../actions/define-action.js'
import { principalFromMessage } from '../aws/errors.js'
import { ExpectationError, IamflowError } from '../errors.js'
import { InfraFailure, answerOf } from './caller.js'
import { identityField } from '../scenario/names.js'
import type { Expectation, Step } from '../scenario/types.js'
import { getPath, isSecretPath, plain } from './captures.js'
import type { StepResult } from './events.js'
import { checkExpectation, describeExpectation } from './expectations.js'
import { ensureIdentity, principalArnOf } from './identity-assume.js'
import type { Identity } from './identities.js'
import type { PlannedStep } from './plan-types.js'
import { REDACTED } from './redact.js'
import type { RunEnv } from './run-env.js'
import { withRunTags } from './run-tags.js'
import { interpolate, templateNames } from '../scenario/template.js'
import { propagationSignature, withPropagationWaits } from './waits.js'
import { setOwn } from '../safe-object.js'
import { observe } from './records/observe.js'

/** Run one step: identity, templates, intent, the call with propagation waits, undo, captures, verdict. */
export async function runStep(planned: PlannedStep, env: RunEnv): Promise<StepResult> {
  const { step, action } = planned
  const started = performance.now()
  const result: StepResult = {
    id: step.id,
    index: step.index,
    ...(step.name ? { name: step.name } : {}),
    action: action.name,
    as: step.as,
    status: 'errored',
    startedAt: new Date().toISOString(),
    durationMs: 0,
    attempts: 0,
    waitedMs: 0,
    expected: describeExpectation(step.expect),
    failures: [],
    unverifiable: [],
    captures: {},
  }
  const finish = (): StepResult => {
    result.durationMs = Math.round(performance.now() - started)
    if (result.status !== 'passed') env.ctx.markUnproduced(step.id, result.status === 'errored' ? `errored (${result.reason ?? 'see above'})` : `failed (${summary(result)})`)
    return result
  }
  try {
    const names = [...templateNames(step.input), ...templateNames(step.expect), ...templateNames(step.undo ?? [])]
    const missing = env.ctx.missingCaptures(names)
    if (missing.length > 0) {
      // Not an infrastructure error: the step cannot run because an earlier expectation
      // failed, so it fails too (exit 1), naming the step it depends on.
      result.status = 'failed'
      result.reason = missing.join('; ')
      result.failures.push({ what: 'inputs', expected: 'values captured by earlier steps', got: result.reason })
      return finish()
    }
    await resolveIdentityArns(names, env)
    const identity = await ensureIdentity(step.as, env)
    result.principalArn = identity.arn
    const input = prepareInput(step, action, env)
    const expect = interpolate(step.expect, env.ctx.lookup, { path: ['steps', step.index, 'expect'], locate: env.scenario.locate }) as Expectation
    await execute({ step, action, input, expect, identity, env, result })
  } catch (err) {
    result.reason = env.scrubber.text(err instanceof InfraFailure && err.outcome.aborted ? 'interrupted' : err instanceof Error ? err.message : String(err))
    if (err instanceof IamflowError) result.errorCode = err.code
    if (err instanceof ExpectationError) {
      // The lab did not hold before the call (an identity could not be made): a failure, exit 1.
      result.status = 'failed'
      result.failures.push({ what: 'identity', expected: `identity ${step.as} to act as`, got: result.reason })
      return finish()
    }
    result.status = 'errored'
    if (err instanceof InfraFailure) result.outcome = { kind: 'infra', code: err.outcome.code, message: env.scrubber.text(err.outcome.message) }
  }
  return finish()
}

/** `${{ demo.arn }}` needs the identity's ARN: look it up once when its output did not say. */
async function resolveIdentityArns(names: string[], env: RunEnv): Promise<void> {
  for (const name of names) {
    const field = identityField(name)
    if (field?.field !== 'arn') continue
    const identity = await ensureIdentity(field.identity, env)
    if (!identity.arn && !(await principalArnOf(identity, env))) throw new Error(`\${{ ${name} }}: cannot tell the ARN of identity ${field.identity} (GetCallerIdentity failed)`)
  }
}

function prepareInput(step: Step, action: ActionDefinition, env: RunEnv): Record<string, unknown> {
  const input = interpolate(step.input, env.ctx.lookup, { path: ['steps', step.index, 'input'], locate: env.scenario.locate }) as Record<string, unknown>
  return env.target.info.kind === 'aws' ? withRunTags(action, input, env.runId, env.scenario.name) : input
}

interface Execution {
  step: Step
  action: ActionDefinition
  input: Record<string, unknown>
  expect: Expectation
  identity: Identity
  env: RunEnv
  result: StepResult
}

async function execute(x: Execution): Promise<void> {
  const { step, action, input, expect, identity, env, result } = x
  const kept = step.teardown === false
  const recordsUndo = action.undo !== undefined || (step.undo?.length ?? 0) > 0 || action.creates === true
  if (recordsUndo && !kept && !action.undo && !step.undo?.length) throw new Error(`${action.name} creates something but has no undo: give the step undo: or teardown: false`)
  const intent = recordsUndo ? env.ledger.append({ t: 'intent', stepId: step.id, action: action.name, input, at: new Date().toISOString(), ...(kept ? { kept: true } : {}) }) : undefined
  const windowMs = step.retry?.window !== undefined ? step.retry.window * 1000 : env.target.defaultWindowMs
  const clients = env.target.factory.clientsFor(identity.handle)
  const attempt = () => answerOf(action, { clients, signal: env.signal }, input)
  const { result: answer, attempts, waitedMs } = await withPropagationWaits(attempt, {
    windowMs,
    signal: env.signal,
    retryReason: (a) => {
      if (a.kind === 'success' && recordsUndo) return undefined
      if (checkExpectation(expect, a).ok) return undefined
      return propagationSignature({ action, expect, answer: a, changes: env.changes, credentialsIssuedAt: identity.issuedAt, now: Date.now(), windowMs })
    },
    onWait: (w) => env.emit({ type: 'step:wait', runId: env.runId, stepId: step.id, ...w }),
  }).catch((err: unknown) => {
    result.attempts = Math.max(result.attempts, 1)
    throw err instanceof InfraFailure ? err : env.signal?.aborted ? new InfraFailure({ kind: 'infra', code: 'AbortError', message: 'interrupted', aborted: true }) : err
  })
  result.attempts = attempts
  result.waitedMs = waitedMs
  if (answer.kind === 'success') {
    env.scrubber.collect(answer.output)
    env.changes.record(action.changes ?? [], Date.now())
    captureAll(step, answer.output, env, result)
    if (intent !== undefined) recordUndo(x, intent, answer.output)
    if (step.identity) defineIdentity(x, answer.output)
  } else if (intent !== undefined && !answer.ambiguous) {
    env.ledger.append({ t: 'settled', intent, code: answer.code, at: new Date().toISOString() })
  }
  const verdict = checkExpectation(expect, answer)
  result.failures.push(...verdict.failures.map((f) => ({ ...f, expected: env.scrubber.text(f.expected), got: env.scrubber.text(f.got) })))
  result.unverifiable = verdict.unverifiable
  result.outcome =
    answer.kind === 'success'
      ? { kind: 'success' }
      : { kind: 'error', code: answer.code, message: env.scrubber.text(answer.message), ...(answer.status ? { status: answer.status } : {}), ...(answer.requestId ? { requestId: answer.requestId } : {}) }
  if (answer.decision) result.decision = answer.decision
  result.observed = env.scrubber.value(observe(expect, answer))
  result.status = result.failures.length === 0 ? 'passed' : 'failed'
  if (result.status === 'failed' && answer.kind === 'error' && answer.ambiguous) {
    // Throttling / 5xx that outlasted the SDK's retries is the environment failing, not the lab.
    result.status = 'errored'
    result.reason = `AWS kept answering ${answer.code} (HTTP ${answer.status}) through the SDK's retries`
  }
  if (result.status === 'failed') {
    result.principalArn = identity.arn ?? (answer.kind === 'error' ? principalFromMessage(answer.message) : undefined) ?? (await principalArnOf(identity, env))
  }
}

function captureAll(step: Step, output: unknown, env: RunEnv, result: StepResult): void {
  for (const [name, path] of Object.entries(step.capture)) {
    const got = getPath(output, path)
    if (!got.found) {
      result.failures.push({ what: `capture ${name}`, expected: `the output to have ${path}`, got: 'nothing at that path' })
      continue
    }
    env.ctx.capture(name, got.value)
    // Capture names are the scenario's (`__proto__` is a valid one): an own property, never the prototype.
    setOwn(result.captures, name, isSecretPath(path) ? REDACTED : env.scrubber.value(plain(got.value)))
  }
}

function recordUndo(x: Execution, intent: number, output: unknown): void {
  const { step, action, input, env } = x
  let specs: UndoSpec[]
  if (step.teardown === false && !step.undo?.length && !action.undo) {
    specs = []
  } else if (step.undo?.length) {
    specs = interpolate(step.undo, env.ctx.lookup, { path: ['steps', step.index, 'undo'], locate: env.scenario.locate }) as UndoSpec[]
  } else {
    const undo = action.undo?.(input, output)
    specs = undo === undefined ? [] : Array.isArray(undo) ? undo : [undo]
  }
  env.ledger.append({ t: 'undo', intent, stepId: step.id, undo: specs, ...(step.teardown === false ? { kept: true } : {}), at: new Date().toISOString() })
}

function defineIdentity(x: Execution, output: unknown): void {
  const { step, action, input, env, result } = x
  if (!action.identity) throw new Error(`${action.name} gives no credentials, so it cannot make identity ${step.identity}`)
  const creds = action.identity(output, input)
  const made = env.identities.define(step.identity as string, creds, step.id)
  for (const s of env.identities.secrets()) env.scrubber.add(s)
  result.identity = made.name
}

function summary(r: StepResult): string {
  if (r.outcome?.kind === 'error') return r.outcome.code
  return r.failures[0]?.what ?? 'expectation not met'
}
