import { afterEach, describe, expect, it } from 'vitest'
import type { RunEvent } from '../src/engine/events.js'
import { buildPlan } from '../src/engine/plan/plan.js'
import { runPlan } from '../src/engine/run/runner.js'
import { openTarget } from '../src/engine/targets/targets.js'
import { loadScenarioFile } from '../src/scenario/load.js'
import { cleanTmp, EMPTY, leftovers, runText, statuses, tmp } from './runner-helpers.js'

afterEach(cleanTmp)

const TRUST_EC2 = '{ Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: "sts:AssumeRole" }] }'

const MID_RUN = `
name: mid-run-failure
steps:
  - id: create-user
    action: iam.createUser
    input: { UserName: mr-user }
  - id: create-role
    action: iam.createRole
    input: { RoleName: mr-role, AssumeRolePolicyDocument: ${TRUST_EC2} }
  - id: missing-user
    action: iam.getUser
    input: { UserName: nobody-here }
  - id: create-group
    action: iam.createGroup
    input: { GroupName: mr-group }
`

describe('iamflow run on the embedded emulator', () => {
  it('runs assume-role.yaml: every step passes, teardown in reverse, account empty afterwards', async () => {
    const scenario = await loadScenarioFile('scenarios/assume-role.yaml')
    const target = await openTarget({})
    const events: RunEvent[] = []
    const result = await runPlan({ plan: buildPlan(scenario), target, runsDir: tmp(), emit: (e) => events.push(e) })
    expect(statuses(result)).toEqual({
      'create-user': 'passed',
      'user-key': 'passed',
      'user-cannot-list': 'passed',
      'create-role': 'passed',
      'create-policy': 'passed',
      attach: 'passed',
      assume: 'passed',
      'session-lists': 'passed',
      'who-am-i': 'passed',
    })
    expect(result.steps[2].outcome).toMatchObject({ kind: 'error', code: 'AccessDenied', status: 403 })
    expect(result.steps[2].decision).toMatchObject({ decision: 'ImplicitDeny' })
    expect(result.steps[1].identity).toBe('demo')
    expect(result.steps[0].captures).toEqual({ userArn: 'arn:aws:iam::123456789012:user/demo-user' })
    expect(result.teardown.items.map((i) => `${i.action} ${i.target}`)).toEqual([
      'iam.detachRolePolicy RoleName=demo-s3-reader, PolicyArn=arn:aws:iam::123456789012:policy/demo-list-all-buckets',
      'iam.deletePolicy PolicyArn=arn:aws:iam::123456789012:policy/demo-list-all-buckets',
      'iam.deleteRole RoleName=demo-s3-reader',
      expect.stringMatching(/^iam\.deleteAccessKey UserName=demo-user, AccessKeyId=AKIA[A-Z0-9]{16}$/),
      'iam.deleteUser UserName=demo-user',
    ])
    expect(result.teardown).toMatchObject({ status: 'completed', leftovers: 0 })
    expect(result).toMatchObject({ status: 'passed', exitCode: 0 })
    expect(leftovers(target)).toEqual(EMPTY)
    expect(events.map((e) => e.type).filter((t, i, a) => a.indexOf(t) === i)).toEqual(['run:start', 'step:start', 'step:end', 'teardown:start', 'teardown:item', 'teardown:end', 'run:end'])
  })

  it('a failed step in the middle: later steps still run, everything is torn down, exit 1', async () => {
    const { result, target } = await runText(MID_RUN)
    expect(statuses(result)).toEqual({ 'create-user': 'passed', 'create-role': 'passed', 'missing-user': 'failed', 'create-group': 'passed' })
    const failed = result.steps[2]
    expect(failed.outcome).toMatchObject({ kind: 'error', code: 'NoSuchEntity', status: 404 })
    expect(failed.failures).toEqual([{ what: 'outcome', expected: 'success', got: 'error NoSuchEntity' }])
    expect(failed.outcome).toMatchObject({ message: expect.stringContaining('nobody-here') })
    expect(failed.principalArn).toBe('arn:aws:iam::123456789012:root')
    expect(result.teardown.items.map((i) => i.action)).toEqual(['iam.deleteGroup', 'iam.deleteRole', 'iam.deleteUser'])
    expect(result).toMatchObject({ status: 'failed', exitCode: 1 })
    expect(leftovers(target)).toEqual(EMPTY)
  })

  it('--bail stops at the failed step and still tears down steps 1-2', async () => {
    const { result, target } = await runText(MID_RUN, { run: { bail: true } })
    expect(statuses(result)).toEqual({ 'create-user': 'passed', 'create-role': 'passed', 'missing-user': 'failed', 'create-group': 'skipped' })
    expect(result.steps[3].reason).toBe('skipped after an earlier failure (--bail)')
    expect(result.teardown.items.map((i) => i.action)).toEqual(['iam.deleteRole', 'iam.deleteUser'])
    expect(leftovers(target)).toEqual(EMPTY)
  })

  it('a step using a capture its failed earlier step never produced fails clearly; teardown still works', async () => {
    const { result, target } = await runText(`
name: missing-capture
steps:
  - id: create-user
    action: iam.createUser
    input: { UserName: mc-user }
  - id: create-role
    action: iam.createRole
    input:
      RoleName: mc-role
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: "arn:aws:iam::123456789012:user/nobody" }, Action: "sts:AssumeRole" }] }
    capture: { roleArn: Role.Arn }
  - id: tag-user
    action: iam.tagUser
    input: { UserName: mc-user, Tags: [{ Key: role, Value: "\${{ roleArn }}" }] }
`)
    expect(statuses(result)).toEqual({ 'create-user': 'passed', 'create-role': 'failed', 'tag-user': 'failed' })
    expect(result.steps[1].outcome).toMatchObject({ code: 'MalformedPolicyDocument' })
    expect(result.steps[2].reason).toBe('${{ roleArn }} has no value: step create-role, which captures it, failed (MalformedPolicyDocument)')
    expect(result.steps[2].attempts).toBe(0)
    expect(result.teardown.items.map((i) => `${i.action} ${i.status}`)).toEqual(['iam.deleteUser done'])
    // the run failed because of an expectation, not the infrastructure: exit 1
    expect(result).toMatchObject({ status: 'failed', exitCode: 1 })
    expect(leftovers(target)).toEqual(EMPTY)
  })

  it('assumes a declared identity on first use and resolves identity fields', async () => {
    const { result, target } = await runText(`
name: declared
identities:
  reader: { assume: "\${{ roleArn }}", from: demo, duration: 900 }
steps:
  - id: create-user
    action: iam.createUser
    input: { UserName: di-user }
    capture: { userArn: User.Arn }
  - id: key
    action: iam.createAccessKey
    input: { UserName: di-user }
    identity: demo
  - id: create-role
    action: iam.createRole
    input:
      RoleName: di-role
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: "\${{ userArn }}" }, Action: "sts:AssumeRole" }] }
    capture: { roleArn: Role.Arn }
  - id: demo-is-the-user
    as: demo
    action: sts.getCallerIdentity
    expect: { output: { Arn: "\${{ demo.arn }}" } }
  - id: reader-is-a-session
    as: reader
    action: sts.getCallerIdentity
    expect: { output: { Arn: "arn:aws:sts::123456789012:assumed-role/di-role/iamflow-reader" } }
`)
    expect(result.steps.filter((s) => s.status !== 'passed')).toEqual([])
    expect(result.steps[3].principalArn).toBe('arn:aws:iam::123456789012:user/di-user')
    expect(leftovers(target)).toEqual(EMPTY)
  })

  it('records undo for a create that unexpectedly succeeded, and a kept resource stays', async () => {
    const { result, target } = await runText(`
name: unexpected
steps:
  - id: create-user
    action: iam.createUser
    input: { UserName: un-user }
    expect: { error: AccessDenied }
  - id: keep-group
    action: iam.createGroup
    input: { GroupName: kept-group }
    teardown: false
`)
    expect(statuses(result)).toEqual({ 'create-user': 'failed', 'keep-group': 'passed' })
    expect(result.steps[0].failures).toEqual([{ what: 'error', expected: 'AccessDenied', got: 'success (the call was allowed)' }])
    expect(result.teardown.items.map((i) => `${i.action} ${i.status}`)).toEqual(['iam.deleteUser done', 'iam.deleteGroup kept'])
    expect(leftovers(target)).toEqual({ ...EMPTY, groups: ['kept-group'] })
  })

  it('meets AWS ordering rules for dependents the ledger does not reverse (kept key, inline policy, group)', async () => {
    const { result, target } = await runText(`
name: dependents
steps:
  - id: create-user
    action: iam.createUser
    input: { UserName: dep-user }
  - id: create-group
    action: iam.createGroup
    input: { GroupName: dep-group }
  - id: key
    action: iam.createAccessKey
    input: { UserName: dep-user }
    teardown: false
  - id: inline
    action: iam.putUserPolicy
    input: { UserName: dep-user, PolicyName: p, PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:ListAllMyBuckets", Resource: "*" }] } }
    teardown: false
  - id: join
    action: iam.addUserToGroup
    input: { UserName: dep-user, GroupName: dep-group }
    teardown: false
`)
    expect(result.steps.every((s) => s.status === 'passed')).toBe(true)
    expect(result.teardown.items.map((i) => `${i.action} ${i.status} ${i.attempts}`)).toEqual([
      'iam.deleteGroup done 2',
      'iam.deleteUser done 2',
      'iam.removeUserFromGroup kept 0',
      'iam.deleteUserPolicy kept 0',
      'iam.deleteAccessKey kept 0',
    ])
    expect(leftovers(target)).toEqual(EMPTY)
  })
})
