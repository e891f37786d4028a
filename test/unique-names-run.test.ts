import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildPlan } from '../src/engine/plan/plan.js'
import { nameSuffix } from '../src/engine/plan/unique-names.js'
import { runPlan } from '../src/engine/run/runner.js'
import { openTarget } from '../src/engine/targets/targets.js'
import { loadScenarioFile, loadScenarioText } from '../src/scenario/load.js'
import { nonEmpty } from './helpers/reliability/in-process.js'

/** Issue 17, item 8: a run with run-scoped names, end to end on the embedded emulator. */
const runsDir = mkdtempSync(join(tmpdir(), 'iamflow-unique-run-'))
afterAll(() => rmSync(runsDir, { recursive: true, force: true }))

const RUN = 'mx77icfp-cifp'
const S = nameSuffix(RUN)

const LAB = `name: unique-lab
uniqueNames: true
vars:
  user: lab-u
identities:
  reader:
    assume: "arn:aws:iam::\${{ account.id }}:role/lab-r"
    from: me
steps:
  - id: user
    action: iam.createUser
    input: { UserName: "\${{ user }}" }
    expect:
      output:
        User.UserName: lab-u
        User.Arn: "arn:aws:iam::\${{ account.id }}:user/lab-u"
  - id: again
    action: iam.createUser
    input: { UserName: lab-u }
    expect: { error: EntityAlreadyExists, message: "User with name lab-u already exists." }
  - id: own-name-only
    name: A condition on aws:username compares with the literal name
    action: iam.putUserPolicy
    input:
      UserName: lab-u
      PolicyName: lab-u
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [s3:ListAllMyBuckets, sts:AssumeRole]
            Resource: "*"
            Condition: { StringEquals: { "aws:username": lab-u } }
  - id: key
    action: iam.createAccessKey
    input: { UserName: lab-u }
    identity: me
  - id: group
    action: iam.createGroup
    input: { GroupName: lab-g }
    undo: { action: iam.deleteGroup, input: { GroupName: lab-g } }
  - id: role
    action: iam.createRole
    input:
      RoleName: lab-r
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { AWS: "arn:aws:iam::\${{ account.id }}:user/lab-u" }, Action: sts:AssumeRole }
  - id: lists
    as: me
    action: s3.listBuckets
  - id: assumes
    as: reader
    action: sts.getCallerIdentity
    expect:
      output:
        Arn: "arn:aws:sts::\${{ account.id }}:assumed-role/lab-r/iamflow-reader"
  - id: missing
    action: iam.getUser
    input: { UserName: lab-nobody }
    expect: { error: NoSuchEntity, message: "The user with name lab-nobody cannot be found." }
`

describe('a run with run-scoped names', () => {
  it('sends, checks, records and undoes the run-scoped names; everything passes and nothing is left', async () => {
    const scenario = loadScenarioText(LAB, join(runsDir, 'lab.yaml'))
    const plan = buildPlan(scenario, { runId: RUN })
    const target = await openTarget({})
    try {
      const result = await runPlan({ plan, target, runsDir })
      expect(result.steps.map((s) => [s.id, s.status])).toEqual(plan.steps.map((p) => [p.step.id, 'passed']))
      expect(result.runId).toBe(RUN)
      expect(result.names).toEqual([
        { kind: 'user', name: 'lab-u', renamed: `lab-u-${S}` },
        { kind: 'group', name: 'lab-g', renamed: `lab-g-${S}` },
        { kind: 'role', name: 'lab-r', renamed: `lab-r-${S}` },
      ])
      // Reports show the names used; the inline policy's own name is not a created name and stays.
      expect(result.steps[2].input).toMatchObject({ UserName: `lab-u-${S}`, PolicyName: 'lab-u', PolicyDocument: { Statement: [{ Condition: { StringEquals: { 'aws:username': `lab-u-${S}` } } }] } })
      expect(result.steps[8].input).toEqual({ UserName: 'lab-nobody' })
      // The ledger: the names in its header, the real names in every undo (a step's own undo: too).
      const ledger = readFileSync(join(runsDir, RUN, 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(ledger[0]).toMatchObject({ t: 'run', runId: RUN, names: result.names })
      expect(ledger.filter((r) => r.t === 'undo').map((r) => r.undo)).toEqual([
        [{ action: 'iam.deleteUser', input: { UserName: `lab-u-${S}` } }],
        [{ action: 'iam.deleteUserPolicy', input: { UserName: `lab-u-${S}`, PolicyName: 'lab-u' } }],
        [{ action: 'iam.deleteAccessKey', input: { UserName: `lab-u-${S}`, AccessKeyId: expect.stringMatching(/^AKIA/) } }],
        [{ action: 'iam.deleteGroup', input: { GroupName: `lab-g-${S}` } }],
        [{ action: 'iam.deleteRole', input: { RoleName: `lab-r-${S}` } }],
      ])
      expect(result.teardown).toMatchObject({ status: 'completed', leftovers: 0 })
      expect(nonEmpty(target.emulator!.inventory())).toEqual({})
    } finally {
      await target.close()
    }
  })

  it('the same lab without run-scoped names (uniqueNames: false) sends the names as written', async () => {
    const scenario = loadScenarioText(LAB.replace('uniqueNames: true', 'uniqueNames: false'), join(runsDir, 'lab2.yaml'))
    const plan = buildPlan(scenario, { runId: 'mx77icfp-zzzz', uniqueNames: true })
    const target = await openTarget({})
    try {
      const result = await runPlan({ plan, target, runsDir })
      expect(result.status).toBe('passed')
      expect(result.names).toBeUndefined()
      expect(result.steps[0].input).toEqual({ UserName: 'lab-u' })
    } finally {
      await target.close()
    }
  })
})

describe('every lab of scenarios/ on the embedded emulator with run-scoped names', () => {
  // A lab that starts from an account snapshot (snapshot:) creates nothing named and acts on the
  // seeded account: test/snapshots.test.ts runs it.
  const files = readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => resolve('scenarios', f))
    .filter((f) => !/^snapshot:/m.test(readFileSync(f, 'utf8')))
  it.each(files.map((f) => [basename(f), f]))('%s passes and leaves nothing', { timeout: 60_000 }, async (_name, file) => {
    const plan = buildPlan(await loadScenarioFile(file), { uniqueNames: true, runId: 'mx77icfp-0000' })
    // Every lab creates something named: renamed, or built from run.id already (deny-plain-http, cross-account-delegation).
    expect((plan.uniqueNames?.names.length ?? 0) + (plan.uniqueNames?.unrenamed.length ?? 0)).toBeGreaterThan(0)
    const target = await openTarget({})
    try {
      const result = await runPlan({ plan, target, runsDir: mkdtempSync(join(runsDir, 'lib-')) })
      expect(result.steps.filter((s) => s.status !== 'passed').map((s) => `${s.id}: ${s.status} ${s.reason ?? ''} ${JSON.stringify(s.failures)}`)).toEqual([])
      expect(result.teardown).toMatchObject({ status: 'completed', leftovers: 0 })
      expect(nonEmpty(target.emulator!.inventory())).toEqual({})
    } finally {
      await target.close()
    }
  })
})
