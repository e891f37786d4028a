import type { StepComparison, StepResult } from '../events.js'
import { diffObservations } from './compare.js'

export type { StepComparison }
import { Normaliser, type NormaliseContext } from './normalise.js'
import { NO_ANSWER } from './no-answer.js'
import type { OutcomeRecord, RecordedStep } from './record-file.js'

/** Compares each step of one run with the scenario's record (`run --compare DIR`). */
export interface StepChecker {
  /** Compare one step that ran; adds `comparison`, and failures when it differs. */
  check(result: StepResult, ctx: NormaliseContext): void
}

/**
 * The checker for one scenario run. `record` undefined: there is no record file, so every step
 * differs ("not recorded"), which is what a CI check wants when someone forgot to record.
 */
export function recordChecker(record: OutcomeRecord | undefined, where: string): StepChecker {
  const steps = new Map<string, RecordedStep>((record?.steps ?? []).map((s) => [s.id, s]))
  let normaliser: Normaliser | undefined
  return {
    check(result, ctx) {
      if (result.status === 'skipped') return
      normaliser ??= new Normaliser(ctx)
      const recorded = steps.get(result.id)
      if (!recorded) {
        result.comparison = { verdict: 'unrecorded', differences: [], record: where }
        result.failures.push({ what: 'record', expected: `an observation recorded in ${where}`, got: record ? 'this step is not in the record (record it again)' : 'no record file for this scenario' })
        fail(result)
        return
      }
      const observed = normaliser.observation(result.observed ?? NO_ANSWER)
      const differences = diffObservations(recorded, observed)
      if (differences.length === 0) {
        result.comparison = { verdict: 'same', differences, record: where }
      } else if (recorded.known !== undefined) {
        result.comparison = { verdict: 'known', differences, known: recorded.known, record: where }
      } else {
        result.comparison = { verdict: 'differs', differences, record: where }
        for (const d of differences) result.failures.push({ what: `record ${d.field}`, expected: d.a, got: d.b })
        fail(result)
      }
    },
  }
}

/** Step ids of the record that the scenario no longer has (a stale record: said as a notice). */
export function staleSteps(record: OutcomeRecord, stepIds: readonly string[]): string[] {
  const ids = new Set(stepIds)
  return record.steps.filter((s) => !ids.has(s.id)).map((s) => s.id)
}

function fail(result: StepResult): void {
  // An errored step stays errored (the environment failed); a passing one now fails (exit 1).
  if (result.status === 'passed') result.status = 'failed'
}
