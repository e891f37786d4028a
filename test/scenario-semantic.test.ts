import { describe, expect, it } from 'vitest'
import { ScenarioInvalidError } from '../src/scenario/diagnostics.js'
import { loadScenarioText } from '../src/scenario/load.js'

/** Every problem of a scenario text as "line:column code: message". */
function problems(text: string): string[] {
  try {
    loadScenarioText(text, 's.yaml')
  } catch (err) {
    if (!(err instanceof ScenarioInvalidError)) throw err
    for (const e of err.errors) {
      expect(e.message).not.toMatch(/undefined/)
      expect(e.frame).toBeTruthy()
      expect(e.hint).toBeTruthy()
    }
    return err.errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.code}: ${e.message}`)
  }
  return []
}

const yaml = (lines: string[]) => `${lines.join('\n')}\n`

describe('semantic checks report every problem of a file, in order', () => {
  it('collects errors of several kinds at once', () => {
    const text = yaml([
      'name: many',
      'descripton: typo',
      'vars:',
      '  user: demo',
      'steps:',
      '  - id: a',
      '    action: iam.createUsr',
      '    input: { UserName: "${{ user }}" }',
      '  - id: a',
      '    as: ghost',
      '    action: sts.getCallerIdentity',
      '    expect: { because: nope, error: AccessDenied }',
    ])
    expect(problems(text)).toEqual([
      '2:1 unknown-key: the scenario has an unknown key "descripton": did you mean "description"?',
      '7:13 unknown-action: unknown action iam.createUsr: did you mean iam.createUser?',
      '9:9 duplicate-step-id: step id "a" is already used by steps[0]',
      '10:9 unknown-identity: identity "ghost" is not defined',
      '12:24 schema: steps[1].expect.because must be one of implicitDeny, explicitDeny, trustPolicy, permissionsBoundary, sessionPolicy, resourcePolicy (got "nope")',
    ])
  })

  it('an emulator-only action needs requires: emulator; with it the scenario loads', () => {
    const steps = ['steps:', '  - action: iamflow.issueOidcToken', '    input: { Issuer: "https://token.actions.githubusercontent.com", Subject: s, Audience: a }']
    expect(problems(yaml(['name: oidc', ...steps]))).toEqual([
      '3:13 undeclared-emulator-only: iamflow.issueOidcToken runs only on the iamflow emulator, but the scenario does not say so',
    ])
    expect(problems(yaml(['name: oidc', 'requires: emulator', ...steps]))).toEqual([])
    expect(loadScenarioText(yaml(['name: oidc', 'requires: emulator', ...steps]), 's.yaml').requires).toBe('emulator')
    expect(problems(yaml(['name: oidc', 'requires: aws', ...steps]))[0]).toMatch(/^2:11 schema: requires must be/)
  })

  it('a name is defined only by an earlier step', () => {
    const text = yaml([
      'name: order',
      'steps:',
      '  - id: uses',
      '    action: iam.getRole',
      '    input: { RoleName: "${{ roleName }}" }',
      '  - id: defines',
      '    action: iam.getRole',
      '    input: { RoleName: fixed }',
      '    capture: { roleName: Role.RoleName }',
    ])
    expect(problems(text)).toEqual(['5:25 unknown-name: ${{ roleName }} is not defined yet: it is captured by step defines, which runs later'])
  })

  it('suggests a close name', () => {
    const text = yaml(['name: near', 'vars:', '  userName: demo', 'steps:', '  - action: iam.getUser', '    input: { UserName: "x-${{ usrName }}" }'])
    expect(problems(text)).toEqual(['6:27 unknown-name: ${{ usrName }} is not defined: did you mean userName?'])
  })

  it('built-in names, env and identity fields are defined; a bare identity name is not a value', () => {
    const text = yaml([
      'name: builtins',
      'env: [HOME]',
      'steps:',
      '  - id: key',
      '    action: iam.createAccessKey',
      '    identity: demo',
      '  - action: iam.tagUser',
      '    input: { UserName: "${{ run.id }}-${{ account.id }}", Tags: [{ Key: k, Value: "${{ env.HOME }}" }] }',
      '  - action: iam.getUser',
      '    input: { UserName: "${{ demo.arn }}" }',
      '  - action: iam.getUser',
      '    input: { UserName: "${{ demo }}" }',
    ])
    expect(problems(text)).toEqual(['12:25 unknown-name: ${{ demo }} is not defined: demo is an identity'])
  })

  it('vars may use earlier vars and built-ins only', () => {
    const text = yaml(['name: vars', 'env: [USER]', 'vars:', '  a: "${{ b }}"', '  b: "x-${{ run.id }}"', '  c: "${{ b }}-${{ env.USER }}"', 'steps:', '  - action: iam.listUsers'])
    expect(problems(text)).toEqual(['4:7 unknown-name: ${{ b }} is not defined'])
  })

  it('malformed templates', () => {
    const text = yaml(['name: bad-template', 'steps:', '  - action: iam.getUser', '    input: { UserName: "a-${{ user" }'])
    expect(problems(text)).toEqual(['4:27 bad-template: unclosed template in "a-${{ user": "${{" has no matching "}}"'])
  })

  it('IAM policy variables are not templates', () => {
    const text = yaml([
      'name: policy-variables',
      'steps:',
      '  - action: iam.createPolicy',
      '    input:',
      '      PolicyName: own-folder',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement: [{ Effect: Allow, Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:username}/*" }]',
    ])
    expect(problems(text)).toEqual([])
  })

  it('as: needs an identity that exists by then', () => {
    const text = yaml([
      'name: identities',
      'steps:',
      '  - as: demo',
      '    action: sts.getCallerIdentity',
      '  - action: iam.createAccessKey',
      '    input: { UserName: u }',
      '    identity: demo',
    ])
    expect(problems(text)).toEqual(['3:9 unknown-identity: identity "demo" is created by step step-2, which runs later'])
  })

  it('identity: on an action that returns no credentials, or on a step expected to fail', () => {
    const text = yaml([
      'name: identity-misuse',
      'steps:',
      '  - action: iam.createUser',
      '    input: { UserName: u }',
      '    identity: u',
      '  - action: sts.assumeRole',
      '    input: { RoleArn: arn:aws:iam::123456789012:role/r, RoleSessionName: s1 }',
      '    identity: s',
      '    expect: { error: AccessDenied }',
    ])
    expect(problems(text)).toEqual([
      '5:15 no-identity: iam.createUser returns no credentials, so identity: cannot name its output',
      '8:15 identity-on-error: a step expected to fail produces no identity',
    ])
  })

  it('capture and output paths must exist in the output schema', () => {
    const text = yaml([
      'name: paths',
      'steps:',
      '  - action: iam.createUser',
      '    input: { UserName: u }',
      '    capture: { arn: User.Arnn, first: "User.Tags[0].Key", second: User.Tags.0.Value }',
      '    expect:',
      '      output: { User.Nope: 1, User.UserName: u }',
    ])
    expect(problems(text)).toEqual([
      '5:21 bad-output-path: capture path User.Arnn cannot exist in the output of iam.createUser (no User.Arnn)',
      '7:17 bad-output-path: output path User.Nope cannot exist in the output of iam.createUser (no User.Nope)',
    ])
  })

  it('captures and output checks need a successful step', () => {
    const text = yaml([
      'name: error-and-capture',
      'steps:',
      '  - action: iam.getUser',
      '    input: { UserName: nobody }',
      '    capture: { arn: User.Arn }',
      '    expect: { error: NoSuchEntity, output: { User.Arn: { exists: true } } }',
    ])
    expect(problems(text)).toEqual([
      '5:16 capture-on-error: capture "arn" needs a successful output, but this step expects NoSuchEntity',
      '6:36 output-on-error: output checks need a successful call, but this step expects an error',
    ])
  })

  it('an unchecked create-like call needs undo: or teardown: false', () => {
    const text = yaml([
      'name: unchecked',
      'steps:',
      '  - action: iam.createServiceLinkedRole',
      '    input: { AWSServiceName: autoscaling.amazonaws.com }',
      '  - action: iam.createServiceLinkedRole',
      '    input: { AWSServiceName: elasticbeanstalk.amazonaws.com }',
      '    teardown: false',
      '  - action: iam.createServiceLinkedRole',
      '    input: { AWSServiceName: ecs.amazonaws.com }',
      '    capture: { name: Role.RoleName }',
      '    undo: { action: iam.deleteServiceLinkedRole, input: { RoleName: "${{ name }}" } }',
    ])
    expect(problems(text)).toEqual(['3:13 no-undo: iam.createServiceLinkedRole creates something iamflow cannot undo by itself'])
  })

  it('undo calls are checked like steps', () => {
    const text = yaml([
      'name: undo-checks',
      'steps:',
      '  - action: iam.createUser',
      '    input: { UserName: u }',
      '    undo:',
      '      - { action: iam.deleteUsr, input: { UserName: u } }',
      '      - { action: iam.deleteUser, input: { UserNme: u } }',
      '      - { action: iam.deleteUser, input: { UserName: "${{ later }}" } }',
      '    teardown: false',
    ])
    expect(problems(text)).toEqual([
      '6:19 unknown-action: unknown action iam.deleteUsr: did you mean iam.deleteUser?',
      '7:35 schema: steps[0].undo[1].input is missing UserName',
      '7:44 unknown-key: steps[0].undo[1].input has an unknown key "UserNme": did you mean "UserName"?',
      '8:55 unknown-name: ${{ later }} is not defined',
      '9:5 undo-and-keep: teardown: false keeps what this step creates, so its undo: would never run',
    ])
  })

  it('names must not collide', () => {
    const text = yaml([
      'name: collisions',
      'vars:',
      '  arn: x',
      '  env: y',
      'steps:',
      '  - action: iam.getUser',
      '    capture: { arn: User.Arn }',
      '  - action: iam.createAccessKey',
      '    identity: operator',
    ])
    expect(problems(text)).toEqual([
      '4:3 reserved-name: "env" is reserved and cannot name a var',
      '7:16 name-taken: capture "arn" has the name of a var',
      '9:15 name-taken: identity "operator" is already the built-in operator',
    ])
  })

  it('declared identities: chains, cycles, and what their first use needs', () => {
    const text = yaml([
      'name: declared',
      'identities:',
      '  reader: { assume: "${{ roleArn }}", from: demo, duration: 900 }',
      '  loop-a: { assume: "arn:aws:iam::123456789012:role/a", from: loop-b }',
      '  loop-b: { assume: "arn:aws:iam::123456789012:role/b", from: loop-a }',
      '  lost: { assume: "arn:aws:iam::123456789012:role/c", from: nobody }',
      'steps:',
      '  - action: iam.createAccessKey',
      '    identity: demo',
      '  - as: reader',
      '    action: sts.getCallerIdentity',
      '  - action: iam.getRole',
      '    input: { RoleName: r }',
      '    capture: { roleArn: Role.Arn }',
    ])
    expect(problems(text)).toEqual([
      '3:22 unknown-name: ${{ roleArn }} is not defined yet: it is captured by step step-3, which runs later when step step-2 first acts as reader',
      '4:63 identity-cycle: identities form a cycle: loop-a -> loop-b -> loop-a',
      '5:63 identity-cycle: identities form a cycle: loop-b -> loop-a -> loop-b',
      '6:61 unknown-identity: identity "nobody" is not defined',
    ])
  })

  it('regular expressions must compile', () => {
    const text = yaml([
      'name: regex',
      'steps:',
      '  - action: iam.getUser',
      '    expect: { error: NoSuchEntity, message: "/([a-z/" }',
      '  - action: iam.getUser',
      '    expect: { output: { User.Arn: { matches: "(" } } }',
    ])
    expect(problems(text)).toEqual([
      '4:45 bad-regex: invalid regular expression: /([a-z/: Unterminated character class',
      '6:46 bad-regex: invalid regular expression: /(/: Unterminated group',
    ])
  })

  it('a step expecting an error may send values outside AWS limits, not unknown members or wrong types', () => {
    const text = yaml([
      'name: negative',
      'steps:',
      '  - action: sts.assumeRole',
      '    input: { RoleArn: arn:aws:iam::123456789012:role/r, RoleSessionName: s, DurationSeconds: 899 }',
      '    expect: { error: ValidationError }',
      '  - action: sts.assumeRole',
      '    input: { RoleArn: arn:aws:iam::123456789012:role/r, RoleSessionName: s1, DurationSeconds: 899, Nope: 1 }',
      '    expect: { error: ValidationError }',
      '  - action: sts.assumeRole',
      '    input: { RoleArn: arn:aws:iam::123456789012:role/r, RoleSessionName: s1, DurationSeconds: 899 }',
    ])
    expect(problems(text)).toEqual([
      '7:100 unknown-key: steps[1].input has an unknown key "Nope"',
      '10:95 schema: steps[2].input.DurationSeconds must be >= 900',
    ])
  })

  it('schema wording: types, anyOf, dependent keys, missing keys', () => {
    const text = yaml([
      'name: schema-words',
      'account: 123456789012',
      'steps:',
      '  - action: sts.assumeRole',
      '    input: { RoleArn: "${{ missing }}", DurationSeconds: abc }',
      '    undo: 5',
      '    expect: { because: implicitDeny }',
      '  - input: {}',
      '  - action: { name: iam.listUsers }',
    ])
    expect(problems(text)).toEqual([
      '2:10 schema: account must be text (got 123456789012)',
      '5:5 schema: steps[0].input is missing RoleSessionName',
      '5:24 unknown-name: ${{ missing }} is not defined',
      '5:58 schema: steps[0].input.DurationSeconds must be a whole number (got "abc")',
      '6:11 schema: steps[0].undo must be a mapping or a list (got 5)',
      '7:15 schema: steps[0].expect.because needs error: it only applies to an expected error',
      '8:5 schema: steps[1] is missing action',
      '9:13 schema: steps[2].action must be text (got a mapping)',
    ])
  })
})
