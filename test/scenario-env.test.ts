import { describe, expect, it } from 'vitest'
import { buildPlan } from '../src/engine/plan/plan.js'
import { formatPlan, planToJson } from '../src/engine/plan/plan-format.js'
import { planScenario } from '../src/engine/plan/plan-file.js'
import { InputError } from '../src/errors.js'
import { ScenarioInvalidError } from '../src/scenario/diagnostics.js'
import { loadScenarioText } from '../src/scenario/load.js'

/** Every problem of a scenario text as "line:column code: message". */
function problems(text: string): string[] {
  try {
    loadScenarioText(text, 's.yaml')
  } catch (err) {
    if (!(err instanceof ScenarioInvalidError)) throw err
    for (const e of err.errors) {
      expect(e.frame).toBeTruthy()
      expect(e.hint).toBeTruthy()
    }
    return err.errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.code}: ${e.message}`)
  }
  return []
}

const yaml = (lines: string[]) => `${lines.join('\n')}\n`

describe('a scenario reads only the environment variables it declares', () => {
  it('${{ env.AWS_SECRET_ACCESS_KEY }} is refused wherever a template is replaced, even in an identity no step uses', () => {
    const text = yaml([
      'name: leak',
      'vars:',
      '  note: "${{ env.AWS_SESSION_TOKEN }}"',
      'identities:',
      '  unused: { assume: "arn:aws:iam::123456789012:role/r", externalId: "${{ env.AWS_SECRET_ACCESS_KEY }}" }',
      'steps:',
      '  - action: iam.createUser',
      '    input: { UserName: u1, Tags: [{ Key: k, Value: "x-${{ env.AWS_SECRET_ACCESS_KEY }}" }] }',
      '    undo: { action: iam.deleteUser, input: { UserName: "${{ env.GITHUB_TOKEN }}" } }',
      '  - action: iam.getUser',
      '    input: { UserName: u1 }',
      '    expect: { output: { User.UserName: "${{ env.aws_access_key_id }}" } }',
    ])
    expect(problems(text)).toEqual([
      '3:10 credential-env: ${{ env.AWS_SESSION_TOKEN }}: AWS_SESSION_TOKEN holds a credential: a scenario may not read it',
      '5:70 credential-env: ${{ env.AWS_SECRET_ACCESS_KEY }}: AWS_SECRET_ACCESS_KEY holds a credential: a scenario may not read it',
      '8:55 credential-env: ${{ env.AWS_SECRET_ACCESS_KEY }}: AWS_SECRET_ACCESS_KEY holds a credential: a scenario may not read it',
      '9:57 credential-env: ${{ env.GITHUB_TOKEN }}: GITHUB_TOKEN holds a credential: a scenario may not read it',
      '12:41 credential-env: ${{ env.aws_access_key_id }}: aws_access_key_id holds a credential: a scenario may not read it',
    ])
  })

  it('declaring a credential variable does not help: the declaration itself is refused', () => {
    const list = yaml(['name: declared', 'env: [LAB_USER, AWS_SECRET_ACCESS_KEY]', 'steps:', '  - action: iam.getUser', '    input: { UserName: "${{ env.AWS_SECRET_ACCESS_KEY }}" }'])
    expect(problems(list)).toEqual([
      '2:17 credential-env: env: AWS_SECRET_ACCESS_KEY holds a credential: a scenario may not read it',
      '5:25 credential-env: ${{ env.AWS_SECRET_ACCESS_KEY }}: AWS_SECRET_ACCESS_KEY holds a credential: a scenario may not read it',
    ])
    const map = yaml(['name: declared', 'env:', '  DB_PASSWORD: { default: hunter22 }', 'steps:', '  - action: iam.listUsers'])
    expect(problems(map)).toEqual(['3:3 credential-env: env: DB_PASSWORD holds a credential: a scenario may not read it'])
    try {
      loadScenarioText(map, 's.yaml')
    } catch (err) {
      expect((err as ScenarioInvalidError).errors[0].hint).toMatch(/^remove it from env:; .*SECRET, TOKEN, PASSWORD/)
    }
  })

  it('an undeclared variable is an error at its template, with a hint to declare it', () => {
    const text = yaml(['name: undeclared', 'env: [LAB_USER]', 'steps:', '  - action: iam.getUser', '    input: { UserName: "${{ env.LAB_USER }}-${{ env.HOME }}" }'])
    let err: ScenarioInvalidError | undefined
    try {
      loadScenarioText(text, 's.yaml')
    } catch (e) {
      err = e as ScenarioInvalidError
    }
    expect(err?.errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.code}: ${e.message}`)).toEqual([
      '5:45 undeclared-env: ${{ env.HOME }} reads the environment variable HOME, which the scenario does not declare',
    ])
    expect(err?.errors[0].hint).toBe('declare it at the top level: env: [HOME] (or env: { HOME: { default: "..." } }); a scenario reads only the variables it declares')
  })

  it('the schema checks the declaration: names, the map form, text defaults, unknown members', () => {
    expect(problems(yaml(['name: bad', 'env: [1ABC]', 'steps:', '  - action: iam.listUsers']))).toEqual([
      '2:7 schema: env[0] must be an environment variable name: a letter or _ followed by letters, digits or _ (got "1ABC")',
    ])
    expect(problems(yaml(['name: bad', 'env:', '  PORT: { default: 8080 }', 'steps:', '  - action: iam.listUsers']))).toEqual(['3:20 schema: env.PORT.default must be text (got 8080)'])
    expect(problems(yaml(['name: bad', 'env:', '  PORT: { defualt: "8080" }', 'steps:', '  - action: iam.listUsers']))).toEqual([
      '3:11 unknown-key: env.PORT has an unknown key "defualt": did you mean "default"?',
    ])
    expect(problems(yaml(['name: ok', 'env:', '  A:', '  B: {}', '  C: { description: c, default: "1" }', 'steps:', '  - action: iam.listUsers']))).toEqual([])
  })

  it('the typed scenario keeps the declarations in order, with positions', () => {
    const s = loadScenarioText(yaml(['name: ok', 'env:', '  A:', '  B: { description: b, default: "1" }', 'steps:', '  - action: iam.listUsers']), 's.yaml')
    expect(s.env).toEqual([
      { name: 'A', loc: { file: 's.yaml', line: 3, column: 3 } },
      { name: 'B', description: 'b', default: '1', loc: { file: 's.yaml', line: 4, column: 3 } },
    ])
  })
})

describe('the plan shows what a scenario reads, never a value from the environment', () => {
  const scenario = loadScenarioText(
    yaml([
      'name: reads',
      'env:',
      '  LAB_USER: { description: the user to create }',
      '  LAB_REGION: { default: us-east-1 }',
      '  LAB_BUCKET:',
      'steps:',
      '  - action: iam.createUser',
      '    input: { UserName: "${{ env.LAB_USER }}" }',
    ]),
    'reads.yaml',
  )
  const env = { LAB_USER: 'value-from-the-environment' }

  it('text: names, set or not, defaults and descriptions', () => {
    const text = formatPlan(buildPlan(scenario, { env }))
    expect(text).toContain(
      [
        'env (environment variables it reads; values are never shown)',
        '  LAB_USER    set                              the user to create',
        '  LAB_REGION  not set: default us-east-1',
        '  LAB_BUCKET  NOT SET: a run refuses to start',
      ].join('\n'),
    )
    expect(text).toContain('input    { UserName: <env.LAB_USER> }')
    expect(text).not.toContain('value-from-the-environment')
  })

  it('--json: the same facts', () => {
    const json = planToJson(buildPlan(scenario, { env }))
    expect(json.env).toEqual([
      { name: 'LAB_USER', description: 'the user to create', default: null, set: true },
      { name: 'LAB_REGION', description: null, default: 'us-east-1', set: false },
      { name: 'LAB_BUCKET', description: null, default: null, set: false },
    ])
    expect(JSON.stringify(json)).not.toContain('value-from-the-environment')
  })

  it('a run refuses to start while a variable without a default is unset, naming every one', () => {
    expect(() => planScenario(scenario, [], {})).toThrow(InputError)
    expect(() => planScenario(scenario, [], {})).toThrow('reads reads LAB_USER and LAB_BUCKET from the environment, but they are not set')
    expect(() => planScenario(scenario, [], { LAB_USER: 'u', LAB_BUCKET: 'b' })).not.toThrow()
  })
})
