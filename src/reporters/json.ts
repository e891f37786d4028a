import type { RunResult, SuiteSummary } from '../engine/events.js'
import type { Reporter, ReporterOutput } from './types.js'

/** The document `--reporter json` writes. */
export interface JsonReport {
  iamflow: 1
  summary: SuiteSummary
  /** One entry per scenario run: steps (status, timing, error code, redacted captures) and teardown. */
  runs: RunResult[]
}

/**
 * Machine-readable report: one JSON document written when the suite ends (nothing else on
 * its output, so `--reporter json` alone prints pure JSON). Results carry no secrets: the
 * runner redacts captures and never puts credentials in a result.
 */
export function jsonReporter(out: ReporterOutput): Reporter {
  return {
    onSuiteEnd: (e) => {
      const report: JsonReport = { iamflow: 1, summary: e.summary, runs: e.results }
      out.write(`${JSON.stringify(report, null, 2)}\n`)
    },
  }
}
