import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildPlan } from '../src/engine/plan/plan.js'
import { runSuite } from '../src/engine/suite/suite.js'
import { loadScenarioText } from '../src/scenario/load.js'
import { parseVarOverrides } from '../src/scenario/vars.js'
import { cleanTmp, EMPTY, leftovers, runText, statuses, tmp } from './runner-helpers.js'

afterEach(cleanTmp)

describe('undo with its own step captures (issue 17)', () => {
  it('an undo: using the step\'s own capture runs and removes the resource', async () => {
    const { result, target } = await runText(`
name: own-capture-undo
steps:
  - id: make
    action: iam.createUser
    input: { UserName: own-capture }
    capture: { made: User.UserName }
    undo: { action: iam.deleteUser, input: { UserName: "\${{ made }}" } }
`)
    expect(statuses(result)).toEqual({ make: 'passed' })
    expect(result.teardown.items.map((i) => [i.action, i.target, i.status])).toEqual([['iam.deleteUser', 'UserName=own-capture', 'done']])
    expect(result.exitCode).toBe(0)
    expect(leftovers(target)).toEqual(EMPTY)
  })
})

describe('a failed step whose dependants cannot run (issue 17)', () => {
  it('a declared identity assuming a role an earlier failed step should have captured: failed, exit 1', async () => {
    const { result } = await runText(`
name: dependants-fail
identities:
  reader:
    assume: "\${{ roleArn }}"
steps:
  - id: get-role
    action: iam.getRole
    input: { RoleName: not-there }
    capture: { roleArn: Role.Arn }
  - id: as-reader
    as: reader
    action: sts.getCallerIdentity
`)
    expect(statuses(result)).toEqual({ 'get-role': 'failed', 'as-reader': 'failed' })
    const reader = result.steps[1]
    expect(reader.errorCode).toBe('identity-not-made')
    expect(reader.reason).toBe('identity reader cannot be assumed: ${{ roleArn }} has no value: step get-role, which captures it, failed (NoSuchEntity)')
    expect(result.status).toBe('failed')
    expect(result.exitCode).toBe(1)
  })
})

describe('plan of a step that must fail (issue 17)', () => {
  it('lists no undo and no teardown for it, as a run records none', () => {
    const plan = buildPlan(
      loadScenarioText(
        `
name: plan-expected-error
steps:
  - id: make
    action: iam.createUser
    input: { UserName: twice }
  - id: again
    action: iam.createUser
    input: { UserName: twice }
    expect: { error: EntityAlreadyExists }
`,
        'inline.yaml',
      ),
    )
    expect(plan.steps.map((s) => s.undoActions)).toEqual([['iam.deleteUser'], []])
    expect(plan.steps[1].undoPreview).toBeUndefined()
    expect(plan.teardown).toEqual([{ stepId: 'make', actions: ['iam.deleteUser'] }])
  })
})

describe('tag actions restore what they overwrote (issue 17)', () => {
  it.each([
    ['Role', 'iam.createRole', '{ RoleName: tagged, AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: "${{ account.id }}" }, Action: sts:AssumeRole }] }, Tags: [{ Key: team, Value: red }, { Key: keep, Value: k }] }', 'RoleName', 'tagged'],
    ['User', 'iam.createUser', '{ UserName: tagged, Tags: [{ Key: team, Value: red }, { Key: keep, Value: k }] }', 'UserName', 'tagged'],
  ])('iam.tag%s: teardown puts team=red back and removes the new key', async (kind, create, input, member, name) => {
    const { result, target } = await runText(`
name: tag-restore
steps:
  - id: make
    action: ${create}
    input: ${input}
    teardown: false
  - id: retag
    action: iam.tag${kind}
    input: { ${member}: ${name}, Tags: [{ Key: team, Value: blue }, { Key: env, Value: lab }] }
`)
    expect(statuses(result)).toEqual({ make: 'passed', retag: 'passed' })
    const undo = result.teardown.items.filter((i) => i.stepId === 'retag').map((i) => [i.action, i.target, i.status])
    expect(undo).toEqual([
      [`iam.untag${kind}`, `${member}=${name}`, 'done'],
      [`iam.tag${kind}`, `${member}=${name}`, 'done'],
    ])
    const { IAMClient, ListRoleTagsCommand, ListUserTagsCommand } = await import('@aws-sdk/client-iam')
    const iam = target.factory.clientsFor(target.operator.handle).iam as InstanceType<typeof IAMClient>
    const out = kind === 'Role' ? await iam.send(new ListRoleTagsCommand({ RoleName: name })) : await iam.send(new ListUserTagsCommand({ UserName: name }))
    expect(out.Tags?.map((t) => `${t.Key}=${t.Value}`).sort()).toEqual(['keep=k', 'team=red'])
  })

  it('iam.tagPolicy: the undo recorded in the ledger restores the old value', async () => {
    const { result } = await runText(`
name: tag-policy-restore
steps:
  - id: make
    action: iam.createPolicy
    input: { PolicyName: tagged, PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: s3:ListAllMyBuckets, Resource: "*" }] }, Tags: [{ Key: team, Value: red }] }
    capture: { arn: Policy.Arn }
  - id: retag
    action: iam.tagPolicy
    input: { PolicyArn: "\${{ arn }}", Tags: [{ Key: team, Value: blue }] }
`)
    expect(result.exitCode).toBe(0)
    const { readFileSync } = await import('node:fs')
    const undos = readFileSync(result.ledger!, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.t === 'undo' && r.stepId === 'retag')
    expect(undos.map((r) => r.undo)).toEqual([[{ action: 'iam.tagPolicy', input: { PolicyArn: 'arn:aws:iam::123456789012:policy/tagged', Tags: [{ Key: 'team', Value: 'red' }] } }]])
  })
})

describe('digit strings with a leading zero stay strings (issue 17)', () => {
  const text = `
name: leading-zero
vars:
  partner: 012345678901
  count: 12
steps:
  - id: who
    action: sts.getCallerIdentity
`
  it('in vars (and anywhere in the file); other numbers stay numbers', () => {
    const scenario = loadScenarioText(text, 'inline.yaml')
    expect(scenario.vars).toEqual({ partner: '012345678901', count: 12 })
  })
  it('--var accepts a leading-zero account id for such a var', () => {
    expect(parseVarOverrides(loadScenarioText(text, 'inline.yaml').vars, ['partner=001234567890'])).toEqual({ partner: '001234567890' })
  })
})

describe('plan and an embedded run agree on account: (issue 17)', () => {
  it('the embedded emulator acts in the pinned account', async () => {
    const dir = tmp()
    const file = join(dir, 'pinned.yaml')
    writeFileSync(
      file,
      `
name: pinned
account: "210987654321"
steps:
  - id: who
    action: sts.getCallerIdentity
    expect:
      output: { Account: "\${{ account.id }}" }
    capture: { acct: Account }
`,
    )
    const plan = buildPlan(loadScenarioText(readFileSync(file, 'utf8'), file))
    expect(plan.steps[0].expectPreview?.output).toEqual({ Account: { equals: '210987654321' } })
    const suite = await runSuite({ files: [file], target: {}, runsDir: join(dir, 'runs'), threads: false })
    expect(suite.results[0].steps[0].status).toBe('passed')
    expect(suite.results[0].steps[0].captures).toEqual({ acct: '210987654321' })
    expect(suite.results[0].target.account).toBe('210987654321')
  })
})
