import type { FieldDiff, RunResult } from '../events.js'
import { diffObservations } from './compare.js'
import { Normaliser } from './normalise.js'
import { NO_ANSWER } from './no-answer.js'

/** How the two runs of one scenario compared (`iamflow diff`). */
export interface ScenarioDiff {
  name: string
  file: string
  /** Steps compared (the union of both runs' step ids). */
  steps: number
  /** The steps that observed something different, in scenario order. */
  differences: StepDiff[]
  /** Each side's run: id, status and exit code (for `iamflow cleanup` and context). */
  runs: [RunSummary, RunSummary]
}

export interface StepDiff {
  step: string
  action: string
  /** Fields that differ: `a` = the first target, `b` = the second (normalised). */
  fields: FieldDiff[]
}

export interface RunSummary {
  runId: string
  status: RunResult['status']
  exitCode: number
  /** Runner-level failure, or leftovers teardown could not remove. */
  problem?: string
}

/**
 * Compare two runs of the same scenario, step by step, each normalised with its own run id and
 * account (so the two targets may be different accounts). Pure. A step only one run has (a run
 * that stopped early) differs as `outcome: none`.
 */
export function diffRuns(a: RunResult, b: RunResult): ScenarioDiff {
  const na = new Normaliser({ runId: a.runId, account: a.target.account, ...(a.names ? { names: a.names } : {}) })
  const nb = new Normaliser({ runId: b.runId, account: b.target.account, ...(b.names ? { names: b.names } : {}) })
  const stepsA = new Map(a.steps.map((s) => [s.id, s]))
  const stepsB = new Map(b.steps.map((s) => [s.id, s]))
  const ids = [...new Set([...stepsA.keys(), ...stepsB.keys()])]
  const differences: StepDiff[] = []
  for (const id of ids) {
    const sa = stepsA.get(id)
    const sb = stepsB.get(id)
    // Normalise every step in order on both sides, so other accounts are numbered alike.
    const oa = na.observation(sa && sa.status !== 'skipped' ? (sa.observed ?? NO_ANSWER) : NO_ANSWER)
    const ob = nb.observation(sb && sb.status !== 'skipped' ? (sb.observed ?? NO_ANSWER) : NO_ANSWER)
    const fields = diffObservations(oa, ob)
    if (fields.length > 0) differences.push({ step: id, action: (sa ?? sb)!.action, fields })
  }
  return { name: a.scenario.name, file: a.scenario.file, steps: ids.length, differences, runs: [summary(a), summary(b)] }
}

function summary(r: RunResult): RunSummary {
  const problem = r.error ?? (r.teardown.status === 'incomplete' ? `teardown left ${r.teardown.leftovers} resource(s): iamflow cleanup ${r.runId}` : undefined)
  return { runId: r.runId, status: r.status, exitCode: r.exitCode, ...(problem !== undefined ? { problem } : {}) }
}
