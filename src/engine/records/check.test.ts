import { describe, expect, it } from 'vitest'
import type { StepResult } from '../events.js'
import { recordChecker, staleSteps } from './check.js'
import type { OutcomeRecord } from './record-file.js'

const ctx = { runId: 'mf3k2j9a-x7q2', account: '123456789012' }

function step(id: string, over: Partial<StepResult> = {}): StepResult {
  return { id, index: 0, action: 's3.listBuckets', as: 'operator', status: 'passed', startedAt: '', durationMs: 0, attempts: 1, waitedMs: 0, expected: 'success', failures: [], unverifiable: [], captures: {}, ...over }
}

const record: OutcomeRecord = {
  version: 1,
  scenario: 's',
  target: 'aws',
  steps: [
    { id: 'denied', action: 's3.listBuckets', outcome: 'error', code: 'AccessDenied', status: 403, message: 'User: arn:aws:iam::<account>:user/u-<run-id> is not authorized' },
    { id: 'accepted', action: 's3.listBuckets', outcome: 'success', status: 200, known: 'AWS answers 200 here, the emulator 204' },
  ],
}

describe('recordChecker', () => {
  it('a step that observed what the record says stays passed, with verdict same (ids normalised first)', () => {
    const s = step('denied', { expected: 'error AccessDenied', observed: { outcome: 'error', code: 'AccessDenied', status: 403, message: 'User: arn:aws:iam::123456789012:user/u-mf3k2j9a-x7q2 is not authorized' } })
    recordChecker(record, 'r.yaml').check(s, ctx)
    expect(s.status).toBe('passed')
    expect(s.comparison).toEqual({ verdict: 'same', differences: [], record: 'r.yaml' })
  })

  it('a difference fails the step with one failure per field, recorded as expected and observed as got', () => {
    const s = step('denied', { observed: { outcome: 'success', status: 200 } })
    recordChecker(record, 'r.yaml').check(s, ctx)
    expect(s.status).toBe('failed')
    expect(s.comparison?.verdict).toBe('differs')
    expect(s.failures).toEqual([
      { what: 'record outcome', expected: 'error', got: 'success' },
      { what: 'record code', expected: 'AccessDenied', got: '(none)' },
      { what: 'record status', expected: '403', got: '200' },
      { what: 'record message', expected: 'User: arn:aws:iam::<account>:user/u-<run-id> is not authorized', got: '(none)' },
    ])
  })

  it('a known difference is reported with its reason and does not fail', () => {
    const s = step('accepted', { observed: { outcome: 'success', status: 204 } })
    recordChecker(record, 'r.yaml').check(s, ctx)
    expect(s.status).toBe('passed')
    expect(s.failures).toEqual([])
    expect(s.comparison).toEqual({ verdict: 'known', known: 'AWS answers 200 here, the emulator 204', differences: [{ field: 'status', a: '200', b: '204' }], record: 'r.yaml' })
  })

  it('a step the record lacks, or a scenario without a record, fails as unrecorded', () => {
    const s = step('new-step', { observed: { outcome: 'success' } })
    recordChecker(record, 'r.yaml').check(s, ctx)
    expect(s.status).toBe('failed')
    expect(s.failures[0]).toEqual({ what: 'record', expected: 'an observation recorded in r.yaml', got: 'this step is not in the record (record it again)' })
    const t = step('denied')
    recordChecker(undefined, 'none.yaml').check(t, ctx)
    expect(t.comparison?.verdict).toBe('unrecorded')
    expect(t.failures[0].got).toBe('no record file for this scenario')
  })

  it('an errored step stays errored; a skipped step is not compared', () => {
    const e = step('denied', { status: 'errored' })
    recordChecker(record, 'r.yaml').check(e, ctx)
    expect(e.status).toBe('errored')
    expect(e.comparison?.differences[0]).toEqual({ field: 'outcome', a: 'error', b: 'none' })
    const k = step('denied', { status: 'skipped' })
    recordChecker(record, 'r.yaml').check(k, ctx)
    expect(k.comparison).toBeUndefined()
  })

  it('staleSteps lists recorded steps the scenario no longer has', () => {
    expect(staleSteps(record, ['denied'])).toEqual(['accepted'])
  })
})
