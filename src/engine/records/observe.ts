import type { Expectation } from '../../scenario/types.js'
import { becauseFromDecision, becauseFromMessage } from '../because.js'
import { getPath, isSecretPath, plain } from '../captures.js'
import type { Answer } from '../expectations.js'
import { REDACTED } from '../redact.js'

/**
 * What one step observed, the unit of an outcome record (`run --record`, `--compare`, `diff`).
 * Raw here (the runner's values, secrets already scrubbed); ./normalise.ts replaces what differs
 * from one run or account to the next before anything is written or compared.
 */
export interface Observation {
  /** `success`, an AWS `error`, or `none` (no AWS answer: skipped, errored, failed before the call). */
  outcome: 'success' | 'error' | 'none'
  /** The AWS error code (`error`). */
  code?: string
  /** HTTP status of the answer when known. */
  status?: number
  /** Why a denial happened, in the `because:` vocabulary, sorted (empty = cannot tell: omitted). */
  because?: string[]
  /** The error message (`error`). */
  message?: string
  /** The values at the paths `expect.output` checks, sorted by path. */
  output?: OutputObservation[]
}

/** One checked output path: its value, or (for `exists` checks) whether it is there. */
export interface OutputObservation {
  path: string
  /** For `{ exists: ... }` checks: presence only (the value is typically generated). */
  exists?: boolean
  /** For every other check: the value found (absent when nothing is at the path). */
  value?: unknown
}

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

/** A step that got no AWS answer. */
export const NO_ANSWER: Observation = Object.freeze({ outcome: 'none' }) as Observation

function httpStatusOf(output: unknown): number | undefined {
  if (output === null || typeof output !== 'object') return undefined
  const meta = Object.getOwnPropertyDescriptor(output, '$metadata')?.value as { httpStatusCode?: unknown } | undefined
  return typeof meta?.httpStatusCode === 'number' ? meta.httpStatusCode : undefined
}
