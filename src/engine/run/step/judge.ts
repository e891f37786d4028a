import { principalFromMessage } from '../../../aws/errors.js'
import type { Expectation } from '../../../scenario/types.js'
import type { StepResult } from '../../events.js'
import type { Answer } from '../../targets/caller.js'
import type { Identity } from '../../targets/identities.js'
import { checkExpectation } from '../expectations.js'
import { observe } from '../observe.js'
import { principalArnOf } from '../identity-assume.js'
import type { RunEnv } from '../run-env.js'

/**
 * Stage "judge": the answer against `expect:`. Sets the outcome, failures (after any the
 * earlier stages found), the decision trace and the status. A mismatch on throttling or a 5xx
 * that outlasted the SDK's retries is the environment failing, not the lab (errored). A failed
 * step names the principal that acted.
 */
export async function judge(expect: Expectation, answer: Answer, identity: Identity, env: RunEnv, result: StepResult): Promise<void> {
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
    result.status = 'errored'
    result.reason = `AWS kept answering ${answer.code} (HTTP ${answer.status}) through the SDK's retries`
  }
  if (result.status === 'failed') {
    result.principalArn = identity.arn ?? (answer.kind === 'error' ? principalFromMessage(answer.message) : undefined) ?? (await principalArnOf(identity, env))
  }
}
