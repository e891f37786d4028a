import { describe, expect, it } from 'vitest'
import { interpolate, type Lookup } from '../src/scenario/template.js'
import { loadScenarioFile, loadScenarioText } from '../src/scenario/load.js'
import { readOutputPath } from '../src/scenario/output-path.js'

describe('loading scenarios/assume-role.yaml', async () => {
  const scenario = await loadScenarioFile('scenarios/assume-role.yaml')

  it('gives a typed scenario with defaults applied', () => {
    expect(scenario.name).toBe('assume-role')
    expect(scenario.vars).toEqual({ user: 'demo-user', role: 'demo-s3-reader', policy: 'demo-list-all-buckets', session: 'AssumeRoleSession1' })
    expect(scenario.steps.map((s) => [s.id, s.action, s.as])).toEqual([
      ['create-user', 'iam.createUser', 'operator'],
      ['user-key', 'iam.createAccessKey', 'operator'],
      ['user-cannot-list', 's3.listBuckets', 'demo'],
      ['create-role', 'iam.createRole', 'operator'],
      ['create-policy', 'iam.createPolicy', 'operator'],
      ['attach', 'iam.attachRolePolicy', 'operator'],
      ['assume', 'sts.assumeRole', 'demo'],
      ['session-lists', 's3.listBuckets', 'reader'],
      ['who-am-i', 'sts.getCallerIdentity', 'reader'],
    ])
    const listing = scenario.steps[2]
    expect(listing.input).toEqual({})
    expect(listing.teardown).toBe(true)
    expect(listing.expect).toEqual({ error: 'AccessDenied', because: 'implicitDeny', output: {} })
    expect(scenario.steps[1].identity).toBe('demo')
    expect(scenario.steps[0].capture).toEqual({ userArn: 'User.Arn' })
    // A plain value is an equality check; an operator map stays as written.
    expect(scenario.steps[7].expect.output).toEqual({ 'Owner.ID': { exists: true } })
    expect(scenario.steps[6].expect.output).toEqual({ 'AssumedRoleUser.Arn': { equals: 'arn:aws:sts::${{ account.id }}:assumed-role/${{ role }}/${{ session }}' } })
  })

  it('keeps templates as written and numbers as numbers', () => {
    expect(scenario.steps[6].input).toEqual({ RoleArn: '${{ roleArn }}', RoleSessionName: '${{ session }}', DurationSeconds: 900 })
  })

  it('knows where everything is', () => {
    expect(scenario.steps[3].loc).toEqual({ file: 'scenarios/assume-role.yaml', line: 32, column: 5 })
    expect(scenario.locate(['steps', 6, 'input', 'DurationSeconds'])).toEqual({ file: 'scenarios/assume-role.yaml', line: 67, column: 93 })
    expect(scenario.locate(['vars', 'role'])).toEqual({ file: 'scenarios/assume-role.yaml', line: 10, column: 9 })
    expect(scenario.codeFrame?.(scenario.steps[2].loc)).toContain('> 26 |   - id: user-cannot-list')
  })

  it('is deeply frozen, and interpolation makes new values', () => {
    const input = scenario.steps[6].input
    expect(Object.isFrozen(input)).toBe(true)
    expect(() => {
      ;(input as Record<string, unknown>).RoleArn = 'changed'
    }).toThrow(TypeError)
    const lookup: Lookup = (name) => (name === 'roleArn' ? { found: true, value: 'arn:aws:iam::123456789012:role/demo-s3-reader' } : name === 'session' ? { found: true, value: 'S' } : { found: false })
    const out = interpolate(input, lookup)
    expect(out).toEqual({ RoleArn: 'arn:aws:iam::123456789012:role/demo-s3-reader', RoleSessionName: 'S', DurationSeconds: 900 })
    expect(input.RoleArn).toBe('${{ roleArn }}')
  })
})

describe('template typing in loaded scenarios', () => {
  const scenario = loadScenarioText(
    [
      'name: typing',
      'vars:',
      '  duration: 900',
      '  names: [a, b]',
      'steps:',
      '  - action: iam.createPolicy',
      '    input:',
      '      PolicyName: "p-${{ duration }}"',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: s3:GetObject',
      '            Resource: "arn:aws:s3:::bucket/${aws:username}/*"',
      '            Condition: { StringEquals: { "aws:PrincipalTag/team": "${{ names }}" } }',
      '  - action: sts.getSessionToken',
      '    input: { DurationSeconds: "${{ duration }}" }',
    ].join('\n'),
    'typing.yaml',
  )
  const vars: Lookup = (name) => (name in scenario.vars ? { found: true, value: scenario.vars[name] } : { found: false })

  it('a whole-scalar template keeps the value type; inside text it becomes text', () => {
    expect(interpolate(scenario.steps[1].input, vars)).toEqual({ DurationSeconds: 900 })
    const policy = interpolate(scenario.steps[0].input, vars) as Record<string, unknown>
    expect(policy.PolicyName).toBe('p-900')
    expect(readOutputPath(policy, 'PolicyDocument.Statement[0].Condition.StringEquals')).toEqual({ 'aws:PrincipalTag/team': ['a', 'b'] })
  })

  it('${aws:username} survives loading and interpolation', () => {
    const raw = scenario.steps[0].input as { PolicyDocument: { Statement: Array<{ Resource: string }> } }
    expect(raw.PolicyDocument.Statement[0].Resource).toBe('arn:aws:s3:::bucket/${aws:username}/*')
    const policy = interpolate(scenario.steps[0].input, vars)
    expect(readOutputPath(policy, 'PolicyDocument.Statement.0.Resource')).toBe('arn:aws:s3:::bucket/${aws:username}/*')
  })
})

describe('output paths', () => {
  const output = { Buckets: [{ Name: 'a' }, { Name: 'b' }], Owner: { ID: 'x' }, $metadata: { httpStatusCode: 200 } }
  it('reads members, indexes and [*]', () => {
    expect(readOutputPath(output, 'Owner.ID')).toBe('x')
    expect(readOutputPath(output, 'Buckets[1].Name')).toBe('b')
    expect(readOutputPath(output, 'Buckets.0.Name')).toBe('a')
    expect(readOutputPath(output, 'Buckets[*].Name')).toEqual(['a', 'b'])
    expect(readOutputPath(output, '$metadata.httpStatusCode')).toBe(200)
    expect(readOutputPath(output, 'Owner.Missing.Deeper')).toBeUndefined()
    expect(readOutputPath(output, 'Owner.toString')).toBeUndefined()
  })
})
