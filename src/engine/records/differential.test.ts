import { describe, expect, it } from 'vitest'
import type { RunResult, StepResult } from '../events.js'
import { diffRuns } from './differential.js'

function step(id: string, over: Partial<StepResult>): StepResult {
  return { id, index: 0, action: 'iam.getUser', as: 'operator', status: 'passed', startedAt: '', durationMs: 0, attempts: 1, waitedMs: 0, expected: 'success', failures: [], unverifiable: [], captures: {}, ...over }
}

function run(runId: string, account: string, steps: StepResult[]): RunResult {
  return {
    runId,
    scenario: { name: 's', file: 's.yaml' },
    target: { kind: 'embedded', region: 'us-east-1', account },
    status: 'passed',
    startedAt: '',
    durationMs: 0,
    steps,
    teardown: { status: 'completed', items: [], leftovers: 0, durationMs: 0 },
    exitCode: 0,
  }
}

describe('diffRuns', () => {
  it('two runs in different accounts with different run ids and generated ids do not differ', () => {
    const a = run('aaaaaaaa-0001', '111111111111', [step('who', { observed: { outcome: 'success', status: 200, output: [{ path: 'Arn', value: 'arn:aws:iam::111111111111:user/u-aaaaaaaa-0001' }, { path: 'UserId', value: 'AIDAAAAAAAAAAAAAAAAAA' }] } })])
    const b = run('bbbbbbbb-0002', '222222222222', [step('who', { observed: { outcome: 'success', status: 200, output: [{ path: 'Arn', value: 'arn:aws:iam::222222222222:user/u-bbbbbbbb-0002' }, { path: 'UserId', value: 'AIDABBBBBBBBBBBBBBBBB' }] } })])
    expect(diffRuns(a, b)).toMatchObject({ name: 's', steps: 1, differences: [] })
  })

  it('names each differing step and field, a first, b second; a step only one side ran is outcome none', () => {
    const a = run('aaaaaaaa-0001', '111111111111', [
      step('denied', { observed: { outcome: 'error', code: 'AccessDenied', status: 403, because: ['implicitDeny'], message: 'no' } }),
      step('same', { observed: { outcome: 'success', status: 200 } }),
      step('late', { action: 'iam.listUsers', observed: { outcome: 'success', status: 200 } }),
    ])
    const b = run('bbbbbbbb-0002', '111111111111', [
      step('denied', { observed: { outcome: 'error', code: 'AccessDenied', status: 403, because: ['explicitDeny'], message: 'no' } }),
      step('same', { observed: { outcome: 'success', status: 200 } }),
    ])
    const d = diffRuns(a, b)
    expect(d.steps).toBe(3)
    expect(d.differences).toEqual([
      { step: 'denied', action: 'iam.getUser', fields: [{ field: 'because', a: 'implicitDeny', b: 'explicitDeny' }] },
      { step: 'late', action: 'iam.listUsers', fields: [{ field: 'outcome', a: 'success', b: 'none' }, { field: 'status', a: '200', b: '(none)' }] },
    ])
  })

  it('says when a run left resources behind', () => {
    const a = run('aaaaaaaa-0001', '111111111111', [])
    const b = { ...run('bbbbbbbb-0002', '111111111111', []), teardown: { status: 'incomplete' as const, items: [], leftovers: 2, durationMs: 0 } }
    expect(diffRuns(a, b).runs[1].problem).toBe('teardown left 2 resource(s): iamflow cleanup bbbbbbbb-0002')
  })
})
