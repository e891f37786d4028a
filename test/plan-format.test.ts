import { describe, expect, it } from 'vitest'
import { buildPlan } from '../src/engine/plan/plan.js'
import { expectText, formatPlan, inline, planToJson } from '../src/engine/plan/plan-format.js'
import { loadScenarioFile } from '../src/scenario/load.js'

describe('formatPlan', async () => {
  const plan = buildPlan(await loadScenarioFile('scenarios/assume-role.yaml'))

  it('matches the reviewed text of the assume-role plan', async () => {
    await expect(formatPlan(plan)).toMatchFileSnapshot('__snapshots__/plan-assume-role.txt')
  })

  it('has no colour unless asked, and colours when asked', () => {
    expect(formatPlan(plan)).not.toMatch(/\u001b\[/)
    const coloured = formatPlan(plan, { color: true })
    expect(coloured).toContain('\u001b[1mPlan: assume-role\u001b[22m')
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(formatPlan(plan))
  })

  it('words expectations', () => {
    expect(expectText({ output: {} })).toBe('success')
    expect(expectText({ error: 'AccessDenied', message: 'not authorized', because: 'explicitDeny', output: {} })).toBe('error AccessDenied, message contains "not authorized" (because explicitDeny)')
    expect(expectText({ error: 'NoSuchEntity', message: '/cannot be found/i', output: {} })).toBe('error NoSuchEntity, message matches /cannot be found/i')
    expect(expectText({ output: { a: { exists: false }, b: { matches: '^AROA' }, c: { contains: 'x y' }, d: { equals: 3 } } })).toBe('success; a does not exist; b matches /^AROA/; c contains x y; d = 3')
  })

  it('renders values on one line, quoting only what needs it', () => {
    expect(inline({ RoleName: 'r', N: 900, T: [{ Key: 'k', Value: 'true' }], E: '' })).toBe('{ RoleName: r, N: 900, T: [{ Key: k, Value: "true" }], E: "" }')
    expect(inline('<roleArn from step create-role>')).toBe('<roleArn from step create-role>')
  })
})

describe('planToJson', async () => {
  const plan = buildPlan(await loadScenarioFile('scenarios/assume-role.yaml'))
  const json = planToJson(plan)

  it('is plain data that survives JSON', () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json)
  })

  it('describes each step and the teardown', () => {
    const steps = json.steps as Array<Record<string, unknown>>
    expect(steps).toHaveLength(9)
    expect(steps[6]).toEqual({
      number: 7,
      id: 'assume',
      name: 'The user assumes the role for 15 minutes',
      line: 63,
      action: 'sts.assumeRole',
      checked: true,
      as: 'demo',
      assumes: [],
      input: { RoleArn: '<roleArn from step create-role>', RoleSessionName: 'AssumeRoleSession1', DurationSeconds: 900 },
      expect: { output: { 'AssumedRoleUser.Arn': { equals: 'arn:aws:sts::<account.id>:assumed-role/demo-s3-reader/AssumeRoleSession1' } } },
      capture: {},
      identity: 'reader',
      retry: null,
      kept: false,
      undo: [],
    })
    expect(json.teardown).toEqual(plan.teardown)
    expect(json.scenario).toEqual({ name: 'assume-role', file: 'scenarios/assume-role.yaml', description: plan.scenario.description, account: null })
  })
})
