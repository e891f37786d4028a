import type { ActionDefinition } from '../../../actions/define-action.js'
import type { Expectation, Step } from '../../../scenario/types.js'
import type { StepResult } from '../../events.js'
import { type Answer, InfraFailure, answerOf } from '../../targets/caller.js'
import type { Identity } from '../../targets/identities.js'
import { checkExpectation } from '../expectations.js'
import type { RunEnv } from '../run-env.js'
import { clientsOf } from '../../targets/targets.js'
import { propagationSignature, withPropagationWaits } from '../waits.js'

/** What stage "call" hands on. */
export interface Call {
  step: Step
  action: ActionDefinition
  input: Record<string, unknown>
  expect: Expectation
  identity: Identity
  /** An intent is open in the ledger: a success is final (never retried). */
  recordsUndo: boolean
}

/**
 * Stage "call": the call as the identity, retried while the answer looks like an IAM change
 * still propagating (step:wait events), within the step's window. Counts attempts and waiting
 * on `result`. A success's secrets join the scrubber and what it changed starts its own
 * propagation clock. An infrastructure failure throws (InfraFailure; `interrupted` on Ctrl-C).
 */
export async function callWithWaits(c: Call, env: RunEnv, result: StepResult): Promise<Answer> {
  const { step, action, input, expect, identity, recordsUndo } = c
  const windowMs = step.retry?.window !== undefined ? step.retry.window * 1000 : env.target.defaultWindowMs
  const clients = clientsOf(env.target, identity)
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
  }
  return answer
}
