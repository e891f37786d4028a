import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildPlan } from '../src/engine/plan/plan.js'
import { runPlan } from '../src/engine/run/runner.js'
import { openTarget } from '../src/engine/targets/targets.js'
import { readLedger, ledgerPath } from '../src/engine/ledger/ledger.js'
import { loadScenarioFile } from '../src/scenario/load.js'
import { parseVarOverrides } from '../src/scenario/vars.js'
import { prototypeChanges, restorePrototypes, snapshotPrototypes } from './helpers/pollution.js'

/**
 * The scenario side of issue 12, defect 1: names a scenario author (or a downloaded lab) picks
 * -- vars, `--var`, captures, identities, output paths, tag keys -- may be `__proto__`,
 * `constructor` or `prototype`. They must behave as ordinary names: kept in reports and
 * ledgers, checked by expectations, and never reach a prototype.
 */
const SCENARIO = `
name: proto-names
vars:
  __proto__: from-file
  constructor: ctor-user
  prototype: [a, b]
identities:
  toString:
    assume: "arn:aws:iam::123456789012:role/proto-role"
    from: valueOf
steps:
  - id: create-user
    action: iam.createUser
    input: { UserName: "\${{ constructor }}" }
    capture: { hasOwnProperty: User, userArn: User.Arn }
  - id: key
    action: iam.createAccessKey
    input: { UserName: "\${{ constructor }}" }
    identity: valueOf
  - id: tag
    action: iam.tagUser
    input:
      UserName: "\${{ constructor }}"
      Tags: [{ Key: "__proto__", Value: "\${{ __proto__ }}" }]
  - id: tags
    action: iam.listUserTags
    input: { UserName: "\${{ constructor }}" }
    expect:
      output:
        Tags: [{ Key: "__proto__", Value: "from-var" }]
  - id: role
    action: iam.createRole
    input:
      RoleName: proto-role
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{ Effect: Allow, Principal: { AWS: "\${{ userArn }}" }, Action: "sts:AssumeRole" }]
  - id: allow-assume
    action: iam.putUserPolicy
    input:
      UserName: "\${{ constructor }}"
      PolicyName: assume
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{ Effect: Allow, Action: "sts:AssumeRole", Resource: "*" }]
  - id: as-declared
    as: toString
    action: sts.getCallerIdentity
    retry: { window: 5 }
    expect: { output: { Arn: { matches: "^arn:aws:sts::123456789012:assumed-role/proto-role/" } } }
`

/** A pass-through action whose output has no `__proto__` member: the check must fail, not vanish. */
const VANISHING_CHECK = `
name: proto-check
steps:
  - id: details
    action: iam.getAccountAuthorizationDetails
    expect:
      output:
        __proto__: { exists: true }
`

let dir: string
let before: ReturnType<typeof snapshotPrototypes>

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iamflow-proto-'))
  before = snapshotPrototypes()
})
afterEach(() => {
  expect(prototypeChanges(before)).toEqual([])
  restorePrototypes(before)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function run(text: string, vars: string[] = []) {
  const file = join(dir, `s-${Math.random().toString(36).slice(2)}.yaml`)
  writeFileSync(file, text)
  const scenario = await loadScenarioFile(file)
  const overrides = parseVarOverrides(scenario.vars, vars)
  const plan = buildPlan(scenario, { vars })
  const target = await openTarget({ emulator: {} })
  const runsDir = join(dir, 'runs')
  try {
    const result = await runPlan({ plan, target, runsDir, vars: overrides, teardownMinTimeoutMs: 1 })
    return { result, ledger: readLedger(ledgerPath(runsDir, result.runId)) }
  } finally {
    await target.close()
  }
}

describe('prototype-named scenario names are ordinary names', () => {
  it('vars, --var, captures, identities and tag keys named __proto__/constructor/prototype/toString work and are reported', async () => {
    const { result, ledger } = await run(SCENARIO, ['__proto__=from-var', 'prototype=[c]'])
    expect(result.steps.map((s) => `${s.id}: ${s.status}`)).toEqual([
      'create-user: passed',
      'key: passed',
      'tag: passed',
      'tags: passed',
      'role: passed',
      'allow-assume: passed',
      'as-declared: passed',
    ])
    const captures = result.steps[0]!.captures
    expect(Object.keys(captures)).toEqual(['hasOwnProperty', 'userArn'])
    expect(Object.getPrototypeOf(captures)).toBe(Object.prototype)
    // The ledger holds the tag input with its __proto__ key as data.
    const tagIntent = ledger.find((r) => r.t === 'intent' && r.action === 'iam.tagUser') as { input: { Tags: Array<Record<string, string>> } } | undefined
    expect(tagIntent?.input.Tags).toEqual([{ Key: '__proto__', Value: 'from-var' }])
  })

  it('a capture named __proto__ is kept in the step result (and so in JSON reports)', async () => {
    const { result } = await run(`
name: proto-capture
steps:
  - id: create-user
    action: iam.createUser
    input: { UserName: proto-capture }
    capture: { __proto__: User, constructor: User.UserName }
`)
    const captures = result.steps[0]!.captures
    expect(Object.keys(captures)).toEqual(['__proto__', 'constructor'])
    expect(Object.getPrototypeOf(captures)).toBe(Object.prototype)
    expect(JSON.parse(JSON.stringify(captures))).toMatchObject({ constructor: 'proto-capture' })
    expect(Object.keys(JSON.parse(JSON.stringify(captures)).__proto__ as object)).toContain('UserName')
  })

  it('an output check on a path named __proto__ is checked (and fails), never silently dropped', async () => {
    const { result } = await run(VANISHING_CHECK)
    expect(result.steps[0]!.status).toBe('failed')
    expect(result.steps[0]!.failures.map((f) => f.what).join(' ')).toContain('__proto__')
  })
})
