import type { StepResult } from '../../events.js'
import type { PlannedStep } from '../../plan/plan-types.js'
import type { RunEnv } from '../run-env.js'
import { callWithWaits } from './call.js'
import { captureAll, defineIdentity } from './define.js'
import { namesOf, renderStep } from './inputs.js'
import { judge } from './judge.js'
import { resolveIdentity } from './resolve-identity.js'
import { finishResult, reportableInput, resultOfThrow, startResult } from './step-result.js'
import { recordIntent, settleIntent } from './undo-record.js'

/**
 * Run one step, a pipeline of named stages, each in its own file, each handing the next what
 * it needs:
 *
 *   inputs ready?     (inputs.ts)            values captured by earlier steps exist
 *   resolve identity  (resolve-identity.ts)  who acts, assumed when first used
 *   render            (inputs.ts)            input and expect with templates filled in
 *   record intent     (undo-record.ts)       in the ledger, before a call that may create
 *   call              (call.ts)              the call, with propagation waits
 *   define captures   (define.ts)            `capture:` values of a success
 *   record undo       (undo-record.ts)       how to reverse it, or that nothing was made
 *   define identity   (define.ts)            `identity:` from a success's credentials
 *   judge             (judge.ts)             the answer against `expect:`: the status
 *
 * A stage that throws ends the step (step-result.ts says how); the result is always returned.
 */
export async function runStep(planned: PlannedStep, env: RunEnv): Promise<StepResult> {
  const { step, action } = planned
  const started = performance.now()
  const result = startResult(step, action)
  try {
    const names = namesOf(step)
    const missing = env.ctx.missingCaptures(names)
    if (missing.length > 0) {
      // Not an infrastructure error: the step cannot run because an earlier expectation
      // failed, so it fails too (exit 1), naming the step it depends on.
      result.status = 'failed'
      result.reason = missing.join('; ')
      result.failures.push({ what: 'inputs', expected: 'values captured by earlier steps', got: result.reason })
      return finishResult(result, started, env)
    }
    const identity = await resolveIdentity(step, names, env)
    result.principalArn = identity.arn
    const { input, expect } = renderStep(step, action, env)
    result.input = reportableInput(input)
    const intent = recordIntent(step, action, input, env)
    const answer = await callWithWaits({ step, action, input, expect, identity, recordsUndo: intent !== undefined }, env, result)
    if (answer.kind === 'success') captureAll(step, answer.output, env, result)
    settleIntent(step, action, input, intent, answer, env)
    if (answer.kind === 'success') defineIdentity(step, action, input, answer.output, env, result)
    await judge(expect, answer, identity, env, result)
  } catch (err) {
    resultOfThrow(err, result, env)
  }
  return finishResult(result, started, env)
}
