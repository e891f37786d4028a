import type { ActionDefinition } from '../../../actions/define-action.js'
import { ExpectationError, IamflowError } from '../../../errors.js'
import type { Step } from '../../../scenario/types.js'
import type { StepResult } from '../../events.js'
import { InfraFailure } from '../../targets/caller.js'
import { describeExpectation } from '../expectations.js'
import type { RunEnv } from '../run-env.js'

/** A step's result before it runs: errored until a stage says otherwise. */
export function startResult(step: Step, action: ActionDefinition): StepResult {
  return {
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
}

/** Stamp the duration; a step that did not pass leaves its captures unproduced, saying why. */
export function finishResult(result: StepResult, started: number, env: RunEnv): StepResult {
  result.durationMs = Math.round(performance.now() - started)
  if (result.status !== 'passed') env.ctx.markUnproduced(result.id, result.status === 'errored' ? `errored (${result.reason ?? 'see above'})` : `failed (${summary(result)})`)
  return result
}

/**
 * A stage threw: an identity that could not be made is the lab failing before the call
 * (exit 1); anything else, the environment (errored, exit 3), with AWS's answer when it gave one.
 */
export function resultOfThrow(err: unknown, result: StepResult, env: RunEnv): void {
  result.reason = env.scrubber.text(err instanceof InfraFailure && err.outcome.aborted ? 'interrupted' : err instanceof Error ? err.message : String(err))
  if (err instanceof IamflowError) result.errorCode = err.code
  if (err instanceof ExpectationError) {
    result.status = 'failed'
    result.failures.push({ what: 'identity', expected: `identity ${result.as} to act as`, got: result.reason })
    return
  }
  result.status = 'errored'
  if (err instanceof InfraFailure) result.outcome = { kind: 'infra', code: err.outcome.code, message: env.scrubber.text(err.outcome.message) }
}

function summary(r: StepResult): string {
  if (r.outcome?.kind === 'error') return r.outcome.code
  return r.failures[0]?.what ?? 'expectation not met'
}

/**
 * A step's rendered input as reports show it: plain data, bytes (an object body) as `<N bytes>`.
 * Secrets are not removed here: every event leaves the runner through its scrubber.
 */
export function reportableInput(input: Record<string, unknown>): Record<string, unknown> {
  return plain(input) as Record<string, unknown>
}

function plain(value: unknown, depth = 0): unknown {
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`
  if (value instanceof Date) return value.toISOString()
  if (depth > 20 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1))
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  for (const [k, v] of Object.entries(value)) out[k] = plain(v, depth + 1)
  return out
}
