import { describe, expect, it } from 'vitest'
import type { ErrorOutcome } from '../src/aws/errors.js'
import { becauseFromDecision, becauseFromMessage } from '../src/engine/run/because.js'
import { checkExpectation, describeExpectation } from '../src/engine/run/expectations.js'
import type { Expectation } from '../src/scenario/types.js'

const denied = (message: string, decision?: ErrorOutcome['decision']): ErrorOutcome => ({ kind: 'error', code: 'AccessDenied', message, status: 403, ambiguous: false, ...(decision ? { decision } : {}) })
const e = (x: Partial<Expectation>): Expectation => ({ output: {}, ...x })
const IMPLICIT = 'User: arn:aws:iam::123456789012:user/demo is not authorized to perform: s3:ListAllMyBuckets on resource: "*" because no identity-based policy allows the s3:ListAllMyBuckets action'

describe('checkExpectation', () => {
  it('success expected, success got', () => {
    expect(checkExpectation(e({}), { kind: 'success', output: {} })).toEqual({ ok: true, failures: [], unverifiable: [] })
  })

  it('success expected, error got: says both', () => {
    expect(checkExpectation(e({}), denied(IMPLICIT)).failures).toEqual([{ what: 'outcome', expected: 'success', got: 'error AccessDenied' }])
  })

  it('error expected, success got', () => {
    expect(checkExpectation(e({ error: 'AccessDenied' }), { kind: 'success', output: {} }).failures).toEqual([{ what: 'error', expected: 'AccessDenied', got: 'success (the call was allowed)' }])
  })

  it('compares exact codes, accepting the SDK class-name spelling', () => {
    const noSuch: ErrorOutcome = { kind: 'error', code: 'NoSuchEntity', message: 'The user with name x cannot be found.', status: 404, ambiguous: false }
    expect(checkExpectation(e({ error: 'NoSuchEntity' }), noSuch).ok).toBe(true)
    expect(checkExpectation(e({ error: 'NoSuchEntityException' }), noSuch).ok).toBe(true)
    expect(checkExpectation(e({ error: 'AccessDenied' }), noSuch).failures).toEqual([{ what: 'error', expected: 'AccessDenied', got: 'NoSuchEntity' }])
  })

  it('checks message as a substring or a /regex/', () => {
    expect(checkExpectation(e({ error: 'AccessDenied', message: 'is not authorized to perform: s3:ListAllMyBuckets' }), denied(IMPLICIT)).ok).toBe(true)
    expect(checkExpectation(e({ error: 'AccessDenied', message: '/user\\/demo is not authorized/' }), denied(IMPLICIT)).ok).toBe(true)
    expect(checkExpectation(e({ error: 'AccessDenied', message: '/USER\\/DEMO/i' }), denied(IMPLICIT)).ok).toBe(true)
    expect(checkExpectation(e({ error: 'AccessDenied', message: 'iam:GetUser' }), denied(IMPLICIT)).failures).toEqual([{ what: 'message', expected: 'iam:GetUser', got: IMPLICIT }])
  })

  it('checks because from the emulator decision first', () => {
    const boundary = denied('User: x is not authorized', { decision: 'ExplicitDeny', by: 'boundary', summary: 'Deny in boundary B' })
    expect(checkExpectation(e({ error: 'AccessDenied', because: 'permissionsBoundary' }), boundary).ok).toBe(true)
    expect(checkExpectation(e({ error: 'AccessDenied', because: 'explicitDeny' }), boundary).ok).toBe(true)
    expect(checkExpectation(e({ error: 'AccessDenied', because: 'implicitDeny' }), boundary).failures).toEqual([{ what: 'because', expected: 'implicitDeny', got: 'explicitDeny + permissionsBoundary' }])
    const trust = denied('User: x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/r', { decision: 'ImplicitDeny', by: 'trust' })
    expect(checkExpectation(e({ error: 'AccessDenied', because: 'trustPolicy' }), trust).ok).toBe(true)
  })

  it('checks because from the AWS denial message when there is no decision trace', () => {
    expect(checkExpectation(e({ error: 'AccessDenied', because: 'implicitDeny' }), denied(IMPLICIT))).toEqual({ ok: true, failures: [], unverifiable: [] })
    expect(checkExpectation(e({ error: 'AccessDenied', because: 'explicitDeny' }), denied(IMPLICIT)).ok).toBe(false)
  })

  it('says "unverifiable" when neither trace nor message tells why, never a silent pass', () => {
    const v = checkExpectation(e({ error: 'AccessDenied', because: 'trustPolicy' }), denied('User: arn:aws:iam::1:user/u is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/r'))
    expect(v.failures).toEqual([])
    expect(v.unverifiable).toEqual(['because trustPolicy: the answer carries no decision trace and its message states no reason'])
  })

  it('checks output: equality (dates as ISO text), exists, matches, contains', () => {
    const output = { User: { Arn: 'arn:aws:iam::123456789012:user/u', CreateDate: new Date('2026-01-02T03:04:05Z') }, Users: [{ UserName: 'a' }, { UserName: 'b' }], Count: 2 }
    const ok = checkExpectation(
      e({
        output: {
          'User.Arn': { equals: 'arn:aws:iam::123456789012:user/u' },
          'User.CreateDate': { equals: '2026-01-02T03:04:05.000Z' },
          'User.Path': { exists: false },
          'User.Arn ': { exists: false },
          'Users[*].UserName': { contains: 'b' },
          Users: { contains: { UserName: 'a' } },
          'Users[1].UserName': { matches: '^b$' },
          Count: { equals: 2 },
        },
      }),
      { kind: 'success', output },
    )
    expect(ok.failures).toEqual([])
    const bad = checkExpectation(e({ output: { 'User.Arn': { equals: 'x' }, 'User.Missing': { exists: true }, 'Users[*].UserName': { contains: 'zz' } } }), { kind: 'success', output })
    expect(bad.failures).toEqual([
      { what: 'output User.Arn', expected: '"x"', got: '"arn:aws:iam::123456789012:user/u"' },
      { what: 'output User.Missing', expected: 'to exist', got: 'nothing (no User.Missing in the output)' },
      { what: 'output Users[*].UserName', expected: 'to contain "zz"', got: '["a","b"]' },
    ])
  })

  it('compares values deeply with their types: 900 is not "900", true is not "true"', () => {
    const output = { Role: { MaxSessionDuration: 900, Arn: '900' }, Flag: true, Tags: [{ Key: 'n', Value: '1' }], Count: 0 }
    const check = (path: string, want: unknown) => checkExpectation(e({ output: { [path]: { equals: want } } }), { kind: 'success', output }).failures
    expect(check('Role.MaxSessionDuration', 900)).toEqual([])
    expect(check('Role.MaxSessionDuration', '900')).toEqual([{ what: 'output Role.MaxSessionDuration', expected: '"900"', got: '900' }])
    expect(check('Role.Arn', 900)).toEqual([{ what: 'output Role.Arn', expected: '900', got: '"900"' }])
    expect(check('Flag', 'true')).toEqual([{ what: 'output Flag', expected: '"true"', got: 'true' }])
    expect(check('Count', false)).toEqual([{ what: 'output Count', expected: 'false', got: '0' }])
    expect(check('Tags', [{ Key: 'n', Value: 1 }])).toEqual([{ what: 'output Tags', expected: '[{"Key":"n","Value":1}]', got: '[{"Key":"n","Value":"1"}]' }])
    expect(check('Tags', [{ Key: 'n', Value: '1' }])).toEqual([])
  })

  it('describes expectations for reports', () => {
    expect(describeExpectation(e({}))).toBe('success')
    expect(describeExpectation(e({ error: 'AccessDenied', because: 'implicitDeny' }))).toBe('error AccessDenied (because implicitDeny)')
  })
})

describe('because vocabulary', () => {
  it('maps every decision', () => {
    expect([...becauseFromDecision({ decision: 'ImplicitDeny', by: 'identity' })]).toEqual(['implicitDeny'])
    expect([...becauseFromDecision({ decision: 'ExplicitDeny', by: 'identity' })]).toEqual(['explicitDeny'])
    expect([...becauseFromDecision({ decision: 'ImplicitDeny', by: 'session' })]).toEqual(['sessionPolicy'])
    expect([...becauseFromDecision({ decision: 'ImplicitDeny', by: 'trust' })]).toEqual(['trustPolicy'])
    expect([...becauseFromDecision({ decision: 'ImplicitDeny', by: 'boundary' })]).toEqual(['permissionsBoundary'])
    expect([...becauseFromDecision({ decision: 'ExplicitDeny', by: 'boundary' })]).toEqual(['explicitDeny', 'permissionsBoundary'])
    expect([...becauseFromDecision({ decision: 'ExplicitDeny', by: 'resource' })]).toEqual(['explicitDeny', 'resourcePolicy'])
    expect([...becauseFromDecision({ decision: 'Allowed', by: 'identity' })]).toEqual([])
  })

  it('reads every 2024+ reason suffix', () => {
    const m = (suffix: string) => [...becauseFromMessage(`User: u is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/k" ${suffix}`)]
    expect(m('with an explicit deny in an identity-based policy')).toEqual(['explicitDeny'])
    expect(m('because no resource-based policy allows the s3:GetObject action')).toEqual(['resourcePolicy'])
    expect(m('with an explicit deny in a resource-based policy')).toEqual(['explicitDeny', 'resourcePolicy'])
    expect(m('because no permissions boundary allows the s3:GetObject action')).toEqual(['permissionsBoundary'])
    expect(m('with an explicit deny in a permissions boundary')).toEqual(['explicitDeny', 'permissionsBoundary'])
    expect(m('because no session policy allows the s3:GetObject action')).toEqual(['sessionPolicy'])
    expect(m('with an explicit deny in a session policy')).toEqual(['explicitDeny', 'sessionPolicy'])
    expect(m('')).toEqual([])
  })
})

describe('describeDecision', () => {
  it('names the deciding policy type and the emulator explanation, else the matched statements', async () => {
    const { describeDecision } = await import('../src/engine/run/because.js')
    expect(describeDecision({ decision: 'ExplicitDeny', by: 'identity', summary: 'statement "NoS3" of policy "deny-s3" denies s3:ListAllMyBuckets', matched: [{ policy: 'user/u/inline/deny-s3', sid: 'NoS3', index: 0 }] })).toBe(
      'ExplicitDeny (decided by identity policy): statement "NoS3" of policy "deny-s3" denies s3:ListAllMyBuckets',
    )
    expect(describeDecision({ decision: 'ExplicitDeny', by: 'boundary', matched: [{ policy: 'arn:aws:iam::1:policy/b', index: 2 }] })).toBe('ExplicitDeny (decided by boundary policy): matched arn:aws:iam::1:policy/b statement #3')
    expect(describeDecision({ decision: 'ImplicitDeny', by: 'none' })).toBe('ImplicitDeny (decided by no policy)')
  })
})
