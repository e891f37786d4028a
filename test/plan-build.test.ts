import { describe, expect, it } from 'vitest'
import { InputError } from '../src/errors.js'
import { buildPlan } from '../src/engine/plan/plan.js'
import { loadScenarioFile, loadScenarioText } from '../src/scenario/load.js'

describe('the plan of scenarios/assume-role.yaml', async () => {
  const scenario = await loadScenarioFile('scenarios/assume-role.yaml')
  const plan = buildPlan(scenario)

  it('numbers every step with its acting identity and action', () => {
    expect(plan.steps.map((p) => [p.step.id, p.action.name, p.as, p.unchecked, p.kept])).toEqual([
      ['create-user', 'iam.createUser', 'operator', false, false],
      ['user-key', 'iam.createAccessKey', 'operator', false, false],
      ['user-cannot-list', 's3.listBuckets', 'demo', false, false],
      ['create-role', 'iam.createRole', 'operator', false, false],
      ['create-policy', 'iam.createPolicy', 'operator', false, false],
      ['attach', 'iam.attachRolePolicy', 'operator', false, false],
      ['assume', 'sts.assumeRole', 'demo', false, false],
      ['session-lists', 's3.listBuckets', 'reader', false, false],
      ['who-am-i', 'sts.getCallerIdentity', 'reader', false, false],
    ])
  })

  it('interpolates what is known and shows runtime values as placeholders', () => {
    expect(plan.steps[0].previewInput).toEqual({ UserName: 'demo-user' })
    expect(plan.steps[3].previewInput).toEqual({
      RoleName: 'demo-s3-reader',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: '<userArn from step create-user>' }, Action: 'sts:AssumeRole' }],
      },
    })
    expect(plan.steps[6].previewInput).toEqual({ RoleArn: '<roleArn from step create-role>', RoleSessionName: 'AssumeRoleSession1', DurationSeconds: 900 })
    expect(plan.steps[8].expectPreview?.output).toEqual({
      Arn: { equals: 'arn:aws:sts::<account.id>:assumed-role/demo-s3-reader/AssumeRoleSession1' },
      Account: { equals: '<account.id>' },
    })
  })

  it('records the undo of each creating step, with previews of its input', () => {
    expect(plan.steps.map((p) => p.undoActions)).toEqual([
      ['iam.deleteUser'],
      ['iam.deleteAccessKey'],
      [],
      ['iam.deleteRole'],
      ['iam.deletePolicy'],
      ['iam.detachRolePolicy'],
      [],
      [],
      [],
    ])
    expect(plan.steps[5].undoPreview).toEqual([{ action: 'iam.detachRolePolicy', input: { RoleName: 'demo-s3-reader', PolicyArn: '<policyArn from step create-policy>' } }])
    expect(plan.steps[1].undoPreview?.[0].input).toMatchObject({ AccessKeyId: '<AccessKey.AccessKeyId from step user-key>' })
  })

  it('tears down last created first', () => {
    expect(plan.teardown).toEqual([
      { stepId: 'attach', actions: ['iam.detachRolePolicy'] },
      { stepId: 'create-policy', actions: ['iam.deletePolicy'] },
      { stepId: 'create-role', actions: ['iam.deleteRole'] },
      { stepId: 'user-key', actions: ['iam.deleteAccessKey'] },
      { stepId: 'create-user', actions: ['iam.deleteUser'] },
    ])
  })

  it('does not touch the scenario', () => {
    expect(scenario.steps[3].input).toMatchObject({ RoleName: '${{ role }}' })
  })
})

describe('plan options and features', () => {
  const scenario = loadScenarioText(
    [
      'name: features',
      'account: "123456789012"',
      'env: { SERVICE: { description: the service principal } }',
      'vars:',
      '  user: u1',
      '  seconds: 900',
      '  bucket: "b-${{ run.id }}"',
      'identities:',
      '  admin: { assume: "${{ roleArn }}", duration: "${{ seconds }}" }',
      '  auditor: { assume: "arn:aws:iam::${{ account.id }}:role/audit", from: admin, sessionName: audit }',
      'steps:',
      '  - id: role',
      '    action: iam.getRole',
      '    input: { RoleName: admin }',
      '    capture: { roleArn: Role.Arn }',
      '  - id: audit',
      '    as: auditor',
      '    action: s3.createBucket',
      '    input: { Bucket: "${{ bucket }}" }',
      '    teardown: false',
      '  - id: slr',
      '    action: iam.createServiceLinkedRole',
      '    input: { AWSServiceName: "${{ env.SERVICE }}" }',
      '    capture: { slrName: Role.RoleName }',
      '    undo: { action: iam.deleteServiceLinkedRole, input: { RoleName: "${{ slrName }}" } }',
      '  - id: user',
      '    action: iam.createUser',
      '    input: { UserName: "${{ user }}" }',
    ].join('\n'),
    'features.yaml',
  )

  it('applies typed --var overrides', () => {
    const plan = buildPlan(scenario, { vars: ['user=alice', 'seconds=1200'] })
    expect(plan.vars).toEqual({ user: 'alice', seconds: 1200, bucket: 'b-<run.id>' })
    expect(plan.steps[3].previewInput).toEqual({ UserName: 'alice' })
    expect(plan.steps[1].assumes?.[0].duration).toBe(1200)
  })

  it('refuses an override of an unknown var, or of the wrong type', () => {
    expect(() => buildPlan(scenario, { vars: ['usr=alice'] })).toThrow(InputError)
    expect(() => buildPlan(scenario, { vars: ['usr=alice'] })).toThrow('--var usr: the scenario has no var named usr; did you mean user?')
    expect(() => buildPlan(scenario, { vars: ['seconds=soon'] })).toThrow('--var seconds=soon: seconds is a number')
    expect(() => buildPlan(scenario, { vars: ['user'] })).toThrow('--var user is not name=value')
  })

  it('assumes declared identities on first use, chain first, with the pinned account', () => {
    const plan = buildPlan(scenario)
    expect(plan.steps[1].assumes).toEqual([
      { identity: 'admin', from: 'operator', roleArn: '<roleArn from step role>', duration: 900 },
      { identity: 'auditor', from: 'admin', roleArn: 'arn:aws:iam::123456789012:role/audit', sessionName: 'audit' },
    ])
    expect(plan.steps[1].previewInput).toEqual({ Bucket: 'b-<run.id>' })
  })

  it('shows kept resources, step-supplied undo and unchecked actions; never prints environment values', () => {
    process.env.SERVICE = 'secret-looking-value'
    const plan = buildPlan(scenario)
    expect(plan.steps[1].kept).toBe(true)
    expect(plan.steps[1].undoActions).toEqual([])
    expect(plan.steps[2].unchecked).toBe(true)
    expect(plan.steps[2].previewInput).toEqual({ AWSServiceName: '<env.SERVICE>' })
    expect(plan.steps[2].undoPreview).toEqual([{ action: 'iam.deleteServiceLinkedRole', input: { RoleName: '<slrName from step slr>' } }])
    expect(JSON.stringify(plan.steps.map((p) => p.previewInput))).not.toContain('secret-looking-value')
    expect(plan.teardown).toEqual([
      { stepId: 'user', actions: ['iam.deleteUser'] },
      { stepId: 'slr', actions: ['iam.deleteServiceLinkedRole'] },
    ])
  })
})
