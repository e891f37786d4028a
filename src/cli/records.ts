import type { EventSink } from '../engine/events.js'
import type { StepChecker } from '../engine/records/check.js'

/**
 * `run --record DIR` and `run --compare DIR`, wired around the reporters' event sink: records are
 * written from `run:end` events (what reporters see, already scrubbed), and the checker of each
 * file's run is built from the records read before anything runs (a bad record: exit 2).
 */
export interface RecordWiring {
  /** The sink to give the suite (reporters behind it). */
  emit: EventSink
  /** For `SuiteOptions.compare`. */
  compare?: (file: string) => StepChecker
  /** A record that could not be written (exit 3), after the run. */
  failures: string[]
}

/**
 * Read the records (`--compare`) and check the names (`--record`) before any report is opened;
 * returns how to wire the sink once the reporters exist.
 */
export async function prepareRecords(opts: { record?: string; compare?: string; files: string[] }): Promise<(next: EventSink) => RecordWiring> {
  const store = await import('../engine/records/store.js')
  const { recordChecker, staleSteps } = await import('../engine/records/check.js')
  if (opts.record !== undefined) {
    store.checkNames(opts.files)
    store.prepareRecordDir(opts.record)
  }
  const book = opts.compare !== undefined ? store.RecordBook.read(opts.compare, opts.files) : undefined
  return (next) => wire(opts.record, book, next, { store, recordChecker, staleSteps })
}

type Modules = {
  store: typeof import('../engine/records/store.js')
  recordChecker: typeof import('../engine/records/check.js').recordChecker
  staleSteps: typeof import('../engine/records/check.js').staleSteps
}

function wire(recordDir: string | undefined, book: import('../engine/records/store.js').RecordBook | undefined, next: EventSink, m: Modules): RecordWiring {
  const { store, recordChecker, staleSteps } = m
  const failures: string[] = []
  const emit: EventSink = (e) => {
    next(e)
    if (e.type === 'run:start' && book) {
      const record = book.get(e.scenario.file)
      const stale = record ? staleSteps(record, e.steps.map((s) => s.id)) : []
      if (stale.length > 0) next({ type: 'notice', runId: e.runId, level: 'warn', message: `  ${book.where(e.scenario.file)} records steps this scenario no longer has (${stale.join(', ')}): record it again` })
    }
    if (e.type === 'run:end' && recordDir !== undefined) {
      if (e.result.status === 'errored' || e.result.status === 'interrupted') {
        // What an unfinished run saw is not a baseline: the previous record (if any) stays.
        next({ type: 'notice', runId: e.runId, level: 'warn', message: `  record not written: the run ${e.result.status === 'errored' ? 'errored' : 'was interrupted'}` })
        return
      }
      try {
        const path = store.writeRecord(recordDir, e.result)
        next({ type: 'notice', runId: e.runId, level: 'info', message: `  record written: ${path}` })
      } catch (err) {
        failures.push(err instanceof Error ? err.message : String(err))
      }
    }
  }
  return {
    emit,
    failures,
    ...(book ? { compare: (file: string) => recordChecker(book.get(file), book.where(file)) } : {}),
  }
}
