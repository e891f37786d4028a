import { describe, expect, it } from 'vitest'
import { iamflow } from './cli-helpers.js'

describe('iamflow validate', () => {
  it('prints ok for a valid file and exits 0', () => {
    const r = iamflow(['validate', 'scenarios/assume-role.yaml'])
    expect(r).toEqual({ code: 0, stdout: 'ok scenarios/assume-role.yaml\n', stderr: '' })
  })

  it('a typo in an action: exit 2, the exact position, a frame, no stack trace', () => {
    const r = iamflow(['validate', 'test/fixtures/bad/typo-action.yaml'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      [
        'test/fixtures/bad/typo-action.yaml:4:13: error [unknown-action]: unknown action iam.createUsr: did you mean iam.createUser?',
        '  2 | steps:',
        '  3 |   - id: create-user',
        '> 4 |     action: iam.createUsr',
        '    |             ^',
        'hint: actions are service.operation in lowerCamelCase (iam.createRole); `iamflow actions` lists them',
        '',
        'test/fixtures/bad/typo-action.yaml is not a valid scenario (1 error)',
        '',
      ].join('\n'),
    )
  })

  it('an undefined capture and a YAML syntax error: exit 2 with line:column', () => {
    const capture = iamflow(['validate', 'test/fixtures/bad/missing-capture.yaml'])
    expect(capture.code).toBe(2)
    expect(capture.stderr.split('\n')[0]).toBe('test/fixtures/bad/missing-capture.yaml:14:32: error [unknown-name]: ${{ userArn }} is not defined')
    const syntax = iamflow(['validate', 'test/fixtures/bad/yaml-syntax.yaml'])
    expect(syntax.code).toBe(2)
    expect(syntax.stderr.split('\n')[0]).toBe('test/fixtures/bad/yaml-syntax.yaml:6:3: error [yaml-syntax]: Flow map in block collection must be sufficiently indented and end with a }')
    expect(syntax.stderr).not.toMatch(/\n\s+at /)
    expect(capture.stderr + syntax.stderr).not.toMatch(/undefined/)
  })

  it('checks every file, reports each bad one, and exits 2 if any is invalid', () => {
    const r = iamflow(['validate', 'scenarios/assume-role.yaml', 'test/fixtures/bad/empty.yaml', 'test/fixtures/bad/no-such.yaml', 'test/fixtures/bad/binary.yaml'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('ok scenarios/assume-role.yaml\n')
    expect(r.stderr).toContain('test/fixtures/bad/empty.yaml:1:1: error [empty-scenario]: test/fixtures/bad/empty.yaml is empty: a scenario needs at least name: and steps:')
    expect(r.stderr).toContain('error [file-not-found]: test/fixtures/bad/no-such.yaml does not exist\nhint: ')
    expect(r.stderr).toContain('test/fixtures/bad/binary.yaml:3:21: error [binary-file]: ')
    expect(r.stderr).not.toMatch(/undefined/)
  })

  it('a directory stands for its YAML files', () => {
    const r = iamflow(['validate', 'scenarios'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('ok scenarios/assume-role.yaml\n')
  })

  it('usage errors exit 2', () => {
    const r = iamflow(['validate'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Not enough non-option arguments')
  })

  it('an option given no value is a usage error (exit 2), not an internal error', () => {
    const r = iamflow(['serve', '--import'])
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: 'error: Not enough arguments following: import\nRun "iamflow --help" for usage.\n' })
  })
})

describe('iamflow plan', () => {
  it('prints the plan without colour when not on a TTY', () => {
    const r = iamflow(['plan', 'scenarios/assume-role.yaml'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).not.toMatch(/\u001b\[/)
    expect(r.stdout).toMatch(/^Plan: assume-role {2}\(scenarios\/assume-role\.yaml\)\n/)
    expect(r.stdout).toContain('  7  assume  The user assumes the role for 15 minutes\n     sts.assumeRole  as demo\n')
    expect(r.stdout).toContain('       RoleArn: <roleArn from step create-role>\n')
    expect(r.stdout).toContain('teardown (a full run replays these undos, last created first)\n  1  attach         iam.detachRolePolicy\n')
  })

  it('--json prints the plan as JSON, with --var overrides', () => {
    const r = iamflow(['plan', 'scenarios/assume-role.yaml', '--json', '--var', 'user=alice', '--var', 'session=s2'])
    expect(r.code).toBe(0)
    const plan = JSON.parse(r.stdout)
    expect(plan.vars).toEqual({ user: 'alice', role: 'demo-s3-reader', policy: 'demo-list-all-buckets', session: 's2' })
    expect(plan.steps[0].input).toEqual({ UserName: 'alice' })
    expect(plan.steps[6].input.RoleSessionName).toBe('s2')
    expect(plan.teardown.map((t: { stepId: string }) => t.stepId)).toEqual(['attach', 'create-policy', 'create-role', 'user-key', 'create-user'])
  })

  it('an unknown --var is a usage error', () => {
    const r = iamflow(['plan', 'scenarios/assume-role.yaml', '--var', 'usr=alice'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('error [unknown-var]: --var usr: the scenario has no var named usr; did you mean user?\nhint: its vars are: user, role, policy, session\n')
  })

  it('an invalid scenario exits 2 with every error', () => {
    const r = iamflow(['plan', 'test/fixtures/bad/duplicate-key.yaml'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.split('\n')[0]).toBe('test/fixtures/bad/duplicate-key.yaml:5:5: error [duplicate-key]: duplicate key "action" in this mapping')
  })

  it('a directory is refused with a hint', () => {
    const r = iamflow(['plan', 'scenarios'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('error [not-a-file]: scenarios is a directory, not a scenario file\nhint: name the YAML files inside it, e.g. scenarios/*.yaml\n')
  })
})

describe('coverage warnings of validate and plan', () => {
  const warning =
    "warning test/fixtures/unserved-step.yaml:7:5: step 'website' calls s3.getBucketWebsite, which the iamflow emulator does not serve: against the embedded emulator or iamflow serve it fails (see docs/coverage.md); it can only pass with --target aws\n"

  it('validate warns with the step position for the embedded (default) and serve targets, not for aws', () => {
    expect(iamflow(['validate', 'test/fixtures/unserved-step.yaml'])).toEqual({ code: 0, stdout: 'ok test/fixtures/unserved-step.yaml\n', stderr: warning })
    expect(iamflow(['validate', '--target', 'serve', 'test/fixtures/unserved-step.yaml']).stderr).toBe(warning)
    expect(iamflow(['validate', '--target', 'aws', 'test/fixtures/unserved-step.yaml'])).toEqual({ code: 0, stdout: 'ok test/fixtures/unserved-step.yaml\n', stderr: '' })
  })

  it('plan warns the same way, after the plan', () => {
    const r = iamflow(['plan', 'test/fixtures/unserved-step.yaml'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe(warning)
    expect(iamflow(['plan', '--target', 'aws', 'test/fixtures/unserved-step.yaml']).stderr).toBe('')
  })

  it('no shipped scenario uses an operation the emulator does not serve', () => {
    expect(iamflow(['validate', 'scenarios/']).stderr).toBe('')
  })
})
