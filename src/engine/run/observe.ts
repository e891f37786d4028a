import type { Expectation } from '../../scenario/types.js'
import { becauseFromDecision, becauseFromMessage } from './because.js'
import { getPath, isSecretPath, plain } from './captures.js'
import type { Answer } from './expectations.js'
import type { Observation, OutputObservation } from '../events.js'
import { REDACTED } from '../redact.js'

/** The observation of a step that got an AWS answer, read against its (interpolated) expectation. */
export function observe(expect: Expectation, answer: Answer): Observation {
  if (answer.kind === 'error') {
    const fromDecision = answer.decision ? becauseFromDecision(answer.decision) : undefined
    const reasons = fromDecision && fromDecision.size > 0 ? fromDecision : becauseFromMessage(answer.message)
    return {
      outcome: 'error',
      code: answer.code,
      ...(answer.status !== undefined ? { status: answer.status } : {}),
      ...(reasons.size > 0 ? { because: [...reasons].sort() } : {}),
      message: answer.message,
    }
  }
  const status = httpStatusOf(answer.output)
  const checks = Object.entries(expect.output ?? {})
  const output: OutputObservation[] = []
  for (const [path, check] of checks.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const at = getPath(answer.output, path)
    if (typeof check === 'object' && check !== null && !Array.isArray(check) && 'exists' in check) {
      output.push({ path, exists: at.found })
    } else if (!at.found) {
      output.push({ path })
    } else {
      // A path that reaches a secret is never kept, whatever the scenario checks there.
      output.push({ path, value: isSecretPath(path) ? REDACTED : plain(at.value) })
    }
  }
  return { outcome: 'success', ...(status !== undefined ? { status } : {}), ...(output.length > 0 ? { output } : {}) }
}

function httpStatusOf(output: unknown): number | undefined {
  if (output === null || typeof output !== 'object') return undefined
  const meta = Object.getOwnPropertyDescriptor(output, '$metadata')?.value as { httpStatusCode?: unknown } | undefined
  return typeof meta?.httpStatusCode === 'number' ? meta.httpStatusCode : undefined
}

export type { Observation, OutputObservation }
