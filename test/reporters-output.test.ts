import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import type { RunEvent, RunResult, StepResult } from '../src/engine/events.js'
import { summarize } from '../src/engine/suite/suite.js'
import { createReporter, fanOut } from '../src/reporters/index.js'

const step = (over: Partial<StepResult>): StepResult => ({
  id: 'create-user',
  index: 0,
  action: 'iam.createUser',
  as: 'operator',
  status: 'passed',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 3,
  attempts: 1,
  waitedMs: 0,
  expected: 'success',
  outcome: { kind: 'success' },
  failures: [],
  unverifiable: [],
  captures: {},
  ...over,
})

const failed = step({
  id: 'reader-lists',
  index: 1,
  action: 's3.listBuckets',
  as: 'reader',
  status: 'failed',
  principalArn: 'arn:aws:sts::123456789012:assumed-role/r/s',
  expected: 'success',
  outcome: { kind: 'error', code: 'AccessDenied', message: 'User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: s3:ListAllMyBuckets & <more>', status: 403, requestId: 'req-1' },
  decision: { decision: 'ImplicitDeny', by: 'identity', summary: 'no statement allows s3:ListAllMyBuckets', matched: [] },
  failures: [{ what: 'outcome', expected: 'success', got: 'error AccessDenied' }],
})

const result = (over: Partial<RunResult> = {}): RunResult => ({
  runId: 'mf3k2j9a-x7q2',
  scenario: { name: 'assume-role', file: 'scenarios/assume-role.yaml' },
  target: { kind: 'embedded', region: 'us-east-1', account: '123456789012' },
  status: 'failed',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 42,
  steps: [step({ captures: { userArn: 'arn:aws:iam::123456789012:user/u' } }), failed, step({ id: 'later', index: 2, status: 'skipped', reason: 'skipped after an earlier failure (--bail)' })],
  teardown: { status: 'completed', items: [{ stepId: 'create-user', action: 'iam.deleteUser', target: 'UserName=u', status: 'done', attempts: 1, durationMs: 1 }], leftovers: 0, durationMs: 2 },
  exitCode: 1,
  ...over,
})

function play(name: 'console' | 'json' | 'junit', results: RunResult[], isTTY = false): string {
  let text = ''
  const reporter = createReporter(name, { write: (t) => void (text += t), isTTY })
  const emit = fanOut([reporter])
  emit({ type: 'suite:start', files: results.map((r) => r.scenario.file), parallel: 1 })
  for (const r of results) {
    const events: RunEvent[] = [
      { type: 'run:start', runId: r.runId, scenario: r.scenario, target: r.target, steps: r.steps.map((s) => ({ id: s.id, action: s.action, as: s.as })) },
      ...r.steps.map((s): RunEvent => ({ type: 'step:end', runId: r.runId, result: s })),
      { type: 'teardown:end', runId: r.runId, result: r.teardown },
      { type: 'run:end', runId: r.runId, result: r },
    ]
    events.forEach(emit)
  }
  emit({ type: 'suite:end', summary: summarize(results, 0, 50, false), results })
  return text
}

describe('console reporter', () => {
  it('prints steps with timing, failure details and a verdict, without colour off a TTY', () => {
    const text = play('console', [result()])
    expect(text).not.toMatch(/\u001b\[/)
    expect(text).toContain('assume-role (scenarios/assume-role.yaml) run mf3k2j9a-x7q2 on embedded emulator, account 123456789012')
    expect(text).toMatch(/✓ create-user\s+iam\.createUser  ok  3 ms/)
    expect(text).toContain('✗ reader-lists  s3.listBuckets as reader  AccessDenied')
    expect(text).toContain('outcome: expected success')
    expect(text).toContain('aws error: AccessDenied (HTTP 403): User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized')
    expect(text).toContain('acting as: reader (arn:aws:sts::123456789012:assumed-role/r/s)')
    expect(text).toContain('decision: ImplicitDeny (decided by identity policy): no statement allows s3:ListAllMyBuckets')
    expect(text).toContain('- later')
    expect(text).toContain('teardown: 1 undone')
    expect(text).toContain('FAILED 1/3 steps passed, 1 failed, 1 skipped')
  })

  it('uses colour on a TTY unless NO_COLOR is set', () => {
    const saved = process.env.NO_COLOR
    try {
      delete process.env.NO_COLOR
      expect(play('console', [result()], true)).toMatch(/\u001b\[32m✓/)
      process.env.NO_COLOR = '1'
      expect(play('console', [result()], true)).not.toMatch(/\u001b\[/)
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR
      else process.env.NO_COLOR = saved
    }
  })
})

describe('json reporter', () => {
  it('writes one JSON document with every step, error codes, captures and teardown', () => {
    const text = play('json', [result()])
    const doc = JSON.parse(text)
    expect(doc.iamflow).toBe(1)
    expect(doc.summary).toMatchObject({ runs: 1, failed: 1, exitCode: 1 })
    expect(doc.runs[0].steps.map((s: StepResult) => [s.id, s.status])).toEqual([
      ['create-user', 'passed'],
      ['reader-lists', 'failed'],
      ['later', 'skipped'],
    ])
    expect(doc.runs[0].steps[1].outcome.code).toBe('AccessDenied')
    expect(doc.runs[0].steps[0].captures).toEqual({ userArn: 'arn:aws:iam::123456789012:user/u' })
    expect(doc.runs[0].teardown.items[0]).toMatchObject({ action: 'iam.deleteUser', status: 'done' })
  })
})

describe('junit reporter', () => {
  it('writes JUnit XML that parses back: suites, cases, failures, skips, teardown', () => {
    const xml = play('junit', [result(), result({ runId: 'mf3k2j9a-aaaa', scenario: { name: 'other', file: 'o.yaml' }, status: 'passed', steps: [step({})], exitCode: 0, teardown: { status: 'incomplete', items: [{ stepId: 'create-user', action: 'iam.deleteUser', target: 'UserName=u', status: 'failed', attempts: 3, durationMs: 5, error: { code: 'AccessDenied', message: 'nope' } }], leftovers: 1, durationMs: 5 } })])
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml)
    const suites = doc.testsuites
    expect(suites).toMatchObject({ name: 'iamflow', tests: '6', failures: '2', errors: '0', skipped: '1' })
    const [first, second] = suites.testsuite
    expect(first).toMatchObject({ name: 'assume-role', tests: '4', failures: '1', skipped: '1', file: 'scenarios/assume-role.yaml' })
    expect(first.testcase.map((c: { name: string }) => c.name)).toEqual(['create-user (iam.createUser)', 'reader-lists (s3.listBuckets as reader)', 'later (iam.createUser)', 'teardown'])
    expect(first.testcase[1].failure.type).toBe('AccessDenied')
    expect(first.testcase[1].failure.message).toBe('outcome: expected success, got error AccessDenied')
    expect(first.testcase[1].failure['#text']).toContain('& <more>')
    expect(first.testcase[2].skipped.message).toBe('skipped after an earlier failure (--bail)')
    expect(second.testcase[1]).toMatchObject({ name: 'teardown', failure: { type: 'TeardownIncomplete', message: 'teardown left 1 resource(s)' } })
  })
})
