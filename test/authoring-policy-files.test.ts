import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { InputError } from '../src/errors.js'
import { buildPlan } from '../src/engine/plan/plan.js'
import { runPlan } from '../src/engine/run/runner.js'
import { openTarget } from '../src/engine/targets/targets.js'
import { loadScenarioFile } from '../src/scenario/load.js'
import { MAX_POLICY_FILE_BYTES, policyFileReferences } from '../src/scenario/policy-files.js'
import { formatWarning, scenarioWarnings } from '../src/scenario/warnings.js'
import { cleanTmp, tmp } from './runner-helpers.js'

afterEach(cleanTmp)

const SCENARIO = (ref: string) => `name: policy-from-file
vars:
  sid: FromFile
steps:
  - id: user
    action: iam.createUser
    input: { UserName: filed }
  - id: policy
    action: iam.putUserPolicy
    input:
      UserName: filed
      PolicyName: from-file
      PolicyDocument: { file: ${ref} }
  - id: read
    action: iam.getUserPolicy
    input: { UserName: filed, PolicyName: from-file }
    expect:
      output:
        PolicyDocument.Statement.0.Sid: FromFile
        PolicyDocument.Statement.0.Action: s3:ListAllMyBuckets
`

const JSON_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "\${{ sid }}", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*" }
  ]
}
`

function lab(files: Record<string, string>): string {
  const dir = tmp('iamflow-policy-files-')
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

async function problems(file: string): Promise<Array<{ code: string; at: string; message: string }>> {
  try {
    await loadScenarioFile(file)
  } catch (err) {
    const errors = ((err as { errors?: InputError[] }).errors ?? [err]) as InputError[]
    return errors.map((e) => ({ code: e.code, at: e.location ? `${e.location.file.split('/').slice(-2).join('/')}:${e.location.line}:${e.location.column}` : '', message: e.message }))
  }
  return []
}

describe('policy documents from files (issue 17)', () => {
  it.each([
    ['policies/read.json', JSON_POLICY],
    ['policies/read.yaml', 'Version: "2012-10-17"\nStatement:\n  - Sid: "${{ sid }}"\n    Effect: Allow\n    Action: s3:ListAllMyBuckets\n    Resource: "*"\n'],
  ])('%s: read relative to the scenario, templates applied, sent as the document', async (ref, text) => {
    const dir = lab({ 'lab.yaml': SCENARIO(ref), [ref]: text })
    const scenario = await loadScenarioFile(join(dir, 'lab.yaml'))
    expect(scenario.steps[1].input.PolicyDocument).toEqual({ Version: '2012-10-17', Statement: [{ Sid: '${{ sid }}', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] })
    const target = await openTarget({})
    const result = await runPlan({ plan: buildPlan(scenario), target, runsDir: join(dir, 'runs') })
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed'])
    expect(result.exitCode).toBe(0)
  })

  it('a syntax error, an unknown template name and a misspelt condition key point into the policy file', async () => {
    const broken = lab({ 'lab.yaml': SCENARIO('p/read.json'), 'p/read.json': '{\n  "Version": "2012-10-17",\n  "Statement": [ { "Effect": "Allow" ]\n}\n' })
    const syntax = await problems(join(broken, 'lab.yaml'))
    expect(syntax[0]).toMatchObject({ code: 'yaml-syntax', at: expect.stringMatching(/^p\/read\.json:3:\d+$/) })

    const unknown = lab({ 'lab.yaml': SCENARIO('p/read.json'), 'p/read.json': JSON_POLICY.replace('sid }}', 'sdi }}') })
    expect(await problems(join(unknown, 'lab.yaml'))).toEqual([{ code: 'unknown-name', at: 'p/read.json:4:15', message: '${{ sdi }} is not defined: did you mean sid?' }])

    const key = lab({ 'lab.yaml': SCENARIO('p/read.json'), 'p/read.json': JSON_POLICY.replace('"Resource": "*"', '"Resource": "*",\n      "Condition": { "StringEquals": { "aws:PrincipleTag/team": "blue" } }') })
    const scenario = await loadScenarioFile(join(key, 'lab.yaml'))
    expect(scenarioWarnings(scenario).map(formatWarning)).toEqual([
      `${join(key, 'p/read.json')}:5:40: warning [unknown-condition-key]: condition key aws:PrincipleTag/team is not a known global, IAM, STS or S3 key: did you mean aws:PrincipalTag/team? (IAM accepts it, but it never matches)\n`,
    ])
  })

  it('refuses paths outside the scenario directory, absolute paths, other extensions, missing, huge and non-document files', async () => {
    const dir = lab({ 'labs/lab.yaml': '', 'outside.json': JSON_POLICY, 'labs/list.json': '[1, 2]\n', 'labs/big.json': `{"Version": "2012-10-17", "Statement": [], "Pad": "${'x'.repeat(MAX_POLICY_FILE_BYTES)}"}` })
    symlinkSync(join(dir, 'outside.json'), join(dir, 'labs', 'link.json'))
    const cases: Array<[string, string, RegExp]> = [
      ['../outside.json', 'policy-file-path', /is outside the scenario's directory/],
      [join(dir, 'outside.json'), 'policy-file-path', /must be a relative path/],
      ['link.json', 'policy-file-path', /leads outside the scenario's directory through a symbolic link/],
      ['read.txt', 'policy-file-path', /must end in \.json, \.yaml or \.yml/],
      ['missing.json', 'file-not-found', /does not exist/],
      ['big.json', 'file-too-large', /at most 262144 are read/],
      ['list.json', 'policy-file-invalid', /must hold one policy document/],
    ]
    for (const [ref, code, message] of cases) {
      writeFileSync(join(dir, 'labs', 'lab.yaml'), SCENARIO(ref))
      const got = await problems(join(dir, 'labs', 'lab.yaml'))
      expect(got, ref).toHaveLength(1)
      expect(got[0].code, ref).toBe(code)
      expect(got[0].message, ref).toMatch(message)
    }
  })
})

describe('policyFileReferences (what run --watch watches)', () => {
  it('lists the policy files a scenario reads, as the loader resolves them; none it would refuse; undefined while it does not parse', () => {
    const dir = tmp()
    mkdirSync(join(dir, 'policies'))
    const file = join(dir, 'lab.yaml')
    writeFileSync(
      file,
      `name: refs\nsteps:\n  - action: iam.putUserPolicy\n    input: { UserName: u, PolicyName: a, PolicyDocument: { file: policies/a.json } }\n  - action: iam.createRole\n    input: { RoleName: r, AssumeRolePolicyDocument: { file: ./policies/trust.yaml } }\n  - action: iam.putUserPolicy\n    input: { UserName: u, PolicyName: b, PolicyDocument: { file: ../outside.json } }\n  - action: iam.putUserPolicy\n    input: { UserName: u, PolicyName: c, PolicyDocument: { file: policies/c.txt } }\n`,
    )
    expect(policyFileReferences(file)).toEqual([join(dir, 'policies', 'a.json'), join(dir, 'policies', 'trust.yaml')])
    writeFileSync(file, 'name: [\n')
    expect(policyFileReferences(file)).toBeUndefined()
    expect(policyFileReferences(join(dir, 'missing.yaml'))).toBeUndefined()
  })
})
