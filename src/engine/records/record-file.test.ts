import { describe, expect, it } from 'vitest'
import { type OutcomeRecord, parseRecord, renderRecord } from './record-file.js'

const record: OutcomeRecord = {
  version: 1,
  scenario: 'demo',
  target: 'aws',
  steps: [
    { id: 'make', action: 'iam.createUser', outcome: 'success', status: 200, output: [{ path: 'User.Arn', value: 'arn:aws:iam::<account>:user/u' }, { path: 'User.UserId', exists: true }] },
    { id: 'denied', action: 's3.listBuckets', outcome: 'error', code: 'AccessDenied', status: 403, because: ['implicitDeny'], message: 'User: x: is "quoted"', known: 'AWS says it differently' },
    { id: 'never', action: 'iam.getUser', outcome: 'none' },
    { id: 'nested', action: 'iam.getUser', outcome: 'success', output: [{ path: 'Missing' }, { path: 'Tags', value: [{ Key: 'k', Value: 'v' }] }] },
  ],
}

describe('outcome record files', () => {
  it('round-trip: what is written parses back to the same record, and renders to the same bytes', () => {
    const text = renderRecord(record)
    const back = parseRecord(text, 'r.yaml')
    expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(record)))
    expect(renderRecord(back)).toBe(text)
  })

  it('is readable YAML with a header, fields in a fixed order and no timestamp', () => {
    const text = renderRecord(record)
    expect(text.startsWith('# iamflow outcome record')).toBe(true)
    expect(text).toContain(['  - id: denied', '    action: s3.listBuckets', '    outcome: error', '    code: AccessDenied', '    status: 403', '    because:', '      - implicitDeny'].join('\n'))
    expect(text).toContain('      User.UserId:\n        exists: true')
    expect(text).toContain('    known: AWS says it differently')
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/)
  })

  it.each([
    ['not YAML', 'version: [1', /not valid YAML/],
    ['a list', '- 1', /not a mapping/],
    ['an unknown top-level key', 'version: 1\nscenario: s\ntarget: aws\nsteps: []\nextra: 1', /unknown key extra/],
    ['another version', 'version: 2\nscenario: s\ntarget: aws\nsteps: []', /version must be 1/],
    ['an unknown step key', 'version: 1\nscenario: s\ntarget: aws\nsteps:\n  - { id: a, action: x, outcome: success, __proto__: 1 }', /steps\[0\]: unknown key __proto__/],
    ['a bad outcome', 'version: 1\nscenario: s\ntarget: aws\nsteps:\n  - { id: a, action: x, outcome: maybe }', /outcome must be success, error or none/],
    ['a step twice', 'version: 1\nscenario: s\ntarget: aws\nsteps:\n  - { id: a, action: x, outcome: none }\n  - { id: a, action: x, outcome: none }', /step a appears twice/],
    ['a duplicate key', 'version: 1\nversion: 1\nscenario: s\ntarget: aws\nsteps: []', /not valid YAML/],
    ['an alias', 'version: 1\nscenario: &s s\ntarget: *s\nsteps: []', /alias|Excessive/i],
    ['an output entry with two forms', 'version: 1\nscenario: s\ntarget: aws\nsteps:\n  - { id: a, action: x, outcome: success, output: { P: { value: 1, exists: true } } }', /output P: give one of/],
  ])('refuses %s with bad-record naming the file', (_what, text, message) => {
    let err: unknown
    try {
      parseRecord(text, 'records/x.record.yaml')
    } catch (e) {
      err = e
    }
    expect(err).toMatchObject({ code: 'bad-record', exitCode: 2 })
    expect((err as Error).message).toMatch(/^records\/x\.record\.yaml: /)
    expect((err as Error).message).toMatch(message)
  })

  it('keeps keys from the file off every prototype', () => {
    const back = parseRecord('version: 1\nscenario: s\ntarget: aws\nsteps:\n  - { id: a, action: x, outcome: success, output: { P: { value: { __proto__: { polluted: 1 } } } } }', 'r')
    const v = back.steps[0].output![0].value as Record<string, unknown>
    expect(Object.getPrototypeOf(v)).toBeNull()
    expect(Object.keys(v)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
