import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadScenarioFile, loadScenarioText } from '../../scenario/load.js'
import { planScenario } from './plan-file.js'
import { buildPlan } from './plan.js'

const dir = mkdtempSync(join(tmpdir(), 'iamflow-plan-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const TEXT = `name: plan-cache
env:
  LAB_USER: { default: lab-user }
  LAB_TAG: {}
vars:
  user: "\${{ env.LAB_USER }}"
  role: plan-cache-role
steps:
  - id: create-user
    action: iam.createUser
    input: { UserName: "\${{ user }}", Tags: [{ Key: t, Value: "\${{ env.LAB_TAG }}" }] }
    capture: { userArn: User.Arn }
  - id: create-role
    action: iam.createRole
    input:
      RoleName: "\${{ role }}"
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: "\${{ userArn }}" }, Action: sts:AssumeRole }] }
`

describe('planScenario on a load-cached (frozen) scenario', () => {
  it('gives the same frozen plan while the --var pairs and the set env variables are the same, equal to a fresh plan', async () => {
    const file = join(dir, 'a.yaml')
    writeFileSync(file, TEXT)
    const scenario = await loadScenarioFile(file)
    expect(Object.isFrozen(scenario)).toBe(true)
    const env = { LAB_TAG: 'x' }
    const a = planScenario(scenario, [], env, { runId: 'mf3k2j9a-x7q2' })
    const b = planScenario(scenario, [], { LAB_TAG: 'other value' }, { runId: 'mf3k2j9a-aaaa' })
    expect(b.plan).toBe(a.plan)
    expect(Object.isFrozen(a.plan) && Object.isFrozen(a.plan.steps) && Object.isFrozen(a.plan.steps[0])).toBe(true)
    expect(Object.isFrozen(a.plan.steps[1]!.previewInput)).toBe(true)
    expect(JSON.parse(JSON.stringify(a.plan))).toEqual(JSON.parse(JSON.stringify(buildPlan(scenario, { vars: {}, env }))))
    // Another --var pair, or a declared variable set that was not: another plan.
    const c = planScenario(scenario, ['role=other-role'], env)
    expect(c.plan).not.toBe(a.plan)
    expect(c.vars).toEqual({ role: 'other-role' })
    expect((c.plan.steps[1]!.previewInput as { RoleName: string }).RoleName).toBe('other-role')
    const d = planScenario(scenario, [], { LAB_TAG: 'x', LAB_USER: 'set-now' })
    expect(d.plan).not.toBe(a.plan)
    expect(d.plan.env.map((e) => [e.name, e.set])).toEqual([
      ['LAB_USER', true],
      ['LAB_TAG', true],
    ])
    expect(a.plan.env.map((e) => [e.name, e.set])).toEqual([
      ['LAB_USER', false],
      ['LAB_TAG', true],
    ])
    expect(planScenario(scenario, [], { LAB_TAG: 'y', LAB_USER: 'z' }).plan).toBe(d.plan)
  })

  it('plans afresh with run-scoped names (they derive from the run id) and for a scenario that is not frozen', async () => {
    const file = join(dir, 'b.yaml')
    writeFileSync(file, TEXT)
    const scenario = await loadScenarioFile(file)
    const env = { LAB_TAG: 'x' }
    const u1 = planScenario(scenario, [], env, { uniqueNames: true, runId: 'mf3k2j9a-x7q2' })
    const u2 = planScenario(scenario, [], env, { uniqueNames: true, runId: 'mf3k2j9b-b7q2' })
    expect(u2.plan).not.toBe(u1.plan)
    expect(u1.plan.uniqueNames?.runId).toBe('mf3k2j9a-x7q2')
    expect(u2.plan.uniqueNames?.runId).toBe('mf3k2j9b-b7q2')
    const open = loadScenarioText(TEXT, file)
    expect(Object.isFrozen(open)).toBe(false)
    expect(planScenario(open, [], env).plan).not.toBe(planScenario(open, [], env).plan)
  })

  it('still refuses an unset declared variable without a default, cached plan or not', async () => {
    const file = join(dir, 'c.yaml')
    writeFileSync(file, TEXT)
    const scenario = await loadScenarioFile(file)
    planScenario(scenario, [], { LAB_TAG: 'x' })
    expect(() => planScenario(scenario, [], {})).toThrow(expect.objectContaining({ code: 'env-not-set' }))
  })
})
