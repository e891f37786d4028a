import type { RunResult } from '../events.js'
import { Normaliser } from './normalise.js'
import { NO_ANSWER } from './no-answer.js'
import type { OutcomeRecord, RecordedStep } from './record-file.js'

/**
 * The record of one finished run: every step's observation, normalised with the run's own id and
 * account. A `known:` reason of the previous record of the same step is kept (a re-record does
 * not lose what people wrote).
 */
export function recordOf(run: RunResult, previous?: OutcomeRecord): OutcomeRecord {
  const normaliser = new Normaliser({ runId: run.runId, account: run.target.account, ...(run.names ? { names: run.names } : {}) })
  const known = new Map((previous?.steps ?? []).flatMap((s) => (s.known !== undefined ? [[s.id, s.known] as const] : [])))
  const steps: RecordedStep[] = run.steps.map((s) => {
    const observed = normaliser.observation(s.status === 'skipped' ? NO_ANSWER : (s.observed ?? NO_ANSWER))
    const reason = known.get(s.id)
    return { id: s.id, action: s.action, ...observed, ...(reason !== undefined ? { known: reason } : {}) }
  })
  return { version: 1, scenario: run.scenario.name, target: run.target.kind, steps }
}
