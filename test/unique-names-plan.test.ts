import { describe, expect, it } from 'vitest'
import { buildPlan } from '../src/engine/plan/plan.js'
import { formatPlan, planToJson } from '../src/engine/plan/plan-format.js'
import { nameSuffix, runScopedName } from '../src/engine/plan/unique-names.js'
import { InputError } from '../src/errors.js'
import { loadScenarioFile, loadScenarioText } from '../src/scenario/load.js'

/** Issue 17, item 8: run-scoped names are decided by the plan, from the run id. */
const RUN = 'mx77icfp-cifp'
const S = nameSuffix(RUN)

describe('the run-scoped suffix', () => {
  it('is 6 base-36 characters derived from the run id: the same id gives the same suffix, another id another one', () => {
    expect(S).toBe('9hziht')
    expect(nameSuffix('mx77icfp-cifq')).not.toBe(S)
    expect(nameSuffix('mx77icfp-cifq')).toMatch(/^[0-9a-z]{6}$/)
    expect(runScopedName('user', 'demo-user', S)).toBe('demo-user-9hziht')
    expect(runScopedName('oidc-provider', 'token.actions.githubusercontent.com', S)).toBe('token.actions.githubusercontent.com/9hziht')
  })
})

describe('the plan of scenarios/assume-role.yaml with --unique-names', async () => {
  const scenario = await loadScenarioFile('scenarios/assume-role.yaml')
  const plan = buildPlan(scenario, { uniqueNames: true, runId: RUN })

  it('lists each created name and the name a run uses', () => {
    expect(plan.uniqueNames).toEqual({
      runId: RUN,
      suffix: S,
      names: [
        { kind: 'user', name: 'demo-user', renamed: `demo-user-${S}`, stepId: 'create-user' },
        { kind: 'role', name: 'demo-s3-reader', renamed: `demo-s3-reader-${S}`, stepId: 'create-role' },
        { kind: 'policy', name: 'demo-list-all-buckets', renamed: `demo-list-all-buckets-${S}`, stepId: 'create-policy' },
      ],
      unrenamed: [],
    })
  })

  it('previews inputs, undos and expectations with them; other values (the session name) stay', () => {
    expect(plan.steps[0].previewInput).toEqual({ UserName: `demo-user-${S}` })
    expect(plan.steps[0].undoPreview).toEqual([{ action: 'iam.deleteUser', input: { UserName: `demo-user-${S}` } }])
    expect(plan.steps[4].previewInput).toMatchObject({ PolicyName: `demo-list-all-buckets-${S}` })
    expect(plan.steps[5].previewInput).toEqual({ RoleName: `demo-s3-reader-${S}`, PolicyArn: '<policyArn from step create-policy>' })
    expect(plan.steps[8].expectPreview?.output).toEqual({
      Arn: { equals: `arn:aws:sts::<account.id>:assumed-role/demo-s3-reader-${S}/AssumeRoleSession1` },
      Account: { equals: '<account.id>' },
    })
  })

  it('shows the names in the text plan and the JSON plan', () => {
    const text = formatPlan(plan)
    expect(text).toContain(`names (run-scoped: suffix ${S}; this plan's run id ${RUN}, each run draws its own)\n`)
    expect(text).toContain(`  demo-user             → demo-user-${S}  (user, step create-user)\n`)
    expect(text).toContain(`  demo-list-all-buckets → demo-list-all-buckets-${S}  (policy, step create-policy)\n`)
    expect(planToJson(plan).uniqueNames).toEqual(plan.uniqueNames)
  })

  it('without the option the plan is as before', () => {
    const plain = buildPlan(scenario, { runId: RUN })
    expect(plain.uniqueNames).toBeUndefined()
    expect(plain.steps[0].previewInput).toEqual({ UserName: 'demo-user' })
    expect(formatPlan(plain)).not.toContain('names (run-scoped')
  })
})

const lab = (extra: string, steps: string) => `name: lab\n${extra}steps:\n${steps}`
const createUser = (name: string) => `  - id: u\n    action: iam.createUser\n    input: { UserName: "${name}" }\n`

describe('which names the plan renames', () => {
  it('uniqueNames: true in the file turns it on; uniqueNames: false turns it off even with the flag; --no-unique-names wins over true', () => {
    const on = loadScenarioText(lab('uniqueNames: true\n', createUser('alice')), 'on.yaml')
    expect(buildPlan(on, { runId: RUN }).uniqueNames?.names.map((n) => n.renamed)).toEqual([`alice-${S}`])
    expect(buildPlan(on, { runId: RUN, uniqueNames: false }).uniqueNames).toBeUndefined()
    const off = loadScenarioText(lab('uniqueNames: false\n', createUser('alice')), 'off.yaml')
    expect(buildPlan(off, { runId: RUN, uniqueNames: true }).uniqueNames).toBeUndefined()
  })

  it('names already built from run.id are kept; names only a run knows are listed as not renamed', () => {
    const scenario = loadScenarioText(
      lab('env: [LAB_USER]\n', `${createUser('demo-${{ run.id }}')}  - id: v\n    action: iam.createUser\n    input: { UserName: "\${{ env.LAB_USER }}" }\n`),
      'x.yaml',
    )
    const plan = buildPlan(scenario, { runId: RUN, uniqueNames: true, env: {} })
    expect(plan.uniqueNames?.names).toEqual([])
    expect(plan.uniqueNames?.unrenamed).toEqual([
      { stepId: 'u', kind: 'user', shown: 'demo-<run.id>', why: 'run-scoped' },
      { stepId: 'v', kind: 'user', shown: '<env.LAB_USER>', why: 'run-time' },
    ])
    expect(plan.steps[0].previewInput).toEqual({ UserName: 'demo-<run.id>' })
  })

  it('a create step that must fail still names a run-scoped thing (another run must not make it exist); a name never created is kept', () => {
    const scenario = loadScenarioText(
      lab('', `${createUser('alice')}  - id: again\n    action: iam.createUser\n    input: { UserName: bob }\n    expect: { error: AccessDenied }\n  - id: other\n    action: iam.getUser\n    input: { UserName: carol }\n    expect: { error: NoSuchEntity }\n`),
      'y.yaml',
    )
    const plan = buildPlan(scenario, { runId: RUN, uniqueNames: true })
    expect(plan.uniqueNames?.names.map((n) => n.renamed)).toEqual([`alice-${S}`, `bob-${S}`])
    expect(plan.steps[2].previewInput).toEqual({ UserName: 'carol' })
  })

  it('without a run id (export) the suffix shows as <suffix>', () => {
    const plan = buildPlan(loadScenarioText(lab('uniqueNames: true\n', createUser('alice')), 'z.yaml'))
    expect(plan.uniqueNames).toMatchObject({ suffix: '<suffix>', names: [{ name: 'alice', renamed: 'alice-<suffix>' }] })
  })
})

describe("AWS's length limits", () => {
  it('a name the suffix would take over the limit is refused at plan time, at file:line:column, never truncated', () => {
    const long = 'u'.repeat(58) // 58 + 7 = 65 > 64 (UserName)
    const scenario = loadScenarioText(lab('', createUser(long)), 'long.yaml')
    let err: unknown
    try {
      buildPlan(scenario, { runId: RUN, uniqueNames: true })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect(err).toMatchObject({
      code: 'unique-name-too-long',
      message: `user name ${long} would be 65 characters with the run-scoped suffix (7 more), over AWS's limit of 64`,
      location: { file: 'long.yaml', line: 5, column: 24 },
      hint: 'shorten it to at most 57 characters, or run this scenario without run-scoped names (uniqueNames: false)',
    })
    expect(() => buildPlan(loadScenarioText(lab('', createUser('u'.repeat(57))), 'ok.yaml'), { runId: RUN, uniqueNames: true })).not.toThrow()
  })

  it('buckets: 63 characters (S3 naming rules), and the suffix is lowercase', () => {
    const steps = (n: number) => `  - id: b\n    action: s3.createBucket\n    input: { Bucket: ${'b'.repeat(n)} }\n`
    expect(() => buildPlan(loadScenarioText(lab('', steps(57)), 'b.yaml'), { runId: RUN, uniqueNames: true })).toThrow(/bucket name b{57} would be 64 characters .* over AWS's limit of 63/)
    const plan = buildPlan(loadScenarioText(lab('', steps(56)), 'b.yaml'), { runId: RUN, uniqueNames: true })
    expect(plan.uniqueNames?.names[0].renamed).toBe(`${'b'.repeat(56)}-${S}`)
    expect(plan.uniqueNames?.names[0].renamed).toMatch(/^[a-z0-9-]{3,63}$/)
  })
})
