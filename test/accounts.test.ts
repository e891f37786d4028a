import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildPlan } from '../src/engine/plan/plan.js'
import { formatPlan } from '../src/engine/plan/plan-format.js'
import { readLedger } from '../src/engine/ledger/ledger.js'
import { runPlan } from '../src/engine/run/runner.js'
import { targetForScenario } from '../src/engine/targets/scenario-target.js'
import { openTarget } from '../src/engine/targets/targets.js'
import { ScenarioInvalidError } from '../src/scenario/diagnostics.js'
import { loadScenarioText } from '../src/scenario/load.js'
import { createEmulator } from '../src/emulator/index.js'

/**
 * Issue 14, item 1: several accounts in one scenario. The default account stays implicit;
 * `accounts:` names the others, `account: NAME` on a step acts as that account's operator, and
 * each ledger record is undone by its own account's operator.
 */
const runsDir = mkdtempSync(join(tmpdir(), 'iamflow-accounts-'))
afterAll(() => rmSync(runsDir, { recursive: true, force: true }))

const TWO_ACCOUNTS = `name: two-accounts
account: "111111111111"
accounts:
  trusted: { id: "222222222222" }
steps:
  - id: home-role
    action: iam.createRole
    input:
      RoleName: shared
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { AWS: "arn:aws:iam::\${{ accounts.trusted.id }}:root" }, Action: sts:AssumeRole }
    capture: { roleArn: Role.Arn }
    expect: { output: { Role.Arn: "arn:aws:iam::111111111111:role/shared" } }
  - id: other-user
    account: trusted
    action: iam.createUser
    input: { UserName: alice }
    expect: { output: { User.Arn: "arn:aws:iam::222222222222:user/alice" } }
  - id: other-policy
    account: trusted
    action: iam.putUserPolicy
    input:
      UserName: alice
      PolicyName: may-assume
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: sts:AssumeRole, Resource: "\${{ roleArn }}" }] }
  - id: other-key
    account: trusted
    action: iam.createAccessKey
    input: { UserName: alice }
    identity: alice
  - id: home-user
    action: iam.createUser
    input: { UserName: alice }
    expect: { output: { User.Arn: "arn:aws:iam::111111111111:user/alice" } }
  - id: cross
    as: alice
    action: sts.assumeRole
    input: { RoleArn: "\${{ roleArn }}", RoleSessionName: s1 }
    expect: { output: { AssumedRoleUser.Arn: "arn:aws:sts::111111111111:assumed-role/shared/s1" } }
  - id: who
    account: trusted
    action: sts.getCallerIdentity
    expect: { output: { Arn: "arn:aws:iam::222222222222:root", Account: "222222222222" } }
`

function problems(text: string): Array<{ code: string; line: number; column: number; message: string }> {
  try {
    loadScenarioText(text, 'lab.yaml')
  } catch (err) {
    if (err instanceof ScenarioInvalidError) return err.errors.map((p) => ({ code: p.code, line: p.location!.line, column: p.location!.column, message: p.message })).sort((a, b) => a.line - b.line)
    throw err
  }
  return []
}

describe('the format', () => {
  it('an undeclared account on a step or an identity: unknown-account at its line and column, with a suggestion', () => {
    const text = TWO_ACCOUNTS.replace('    account: trusted\n    action: iam.createUser', '    account: trustd\n    action: iam.createUser') + 'identities:\n  r: { assume: "x", account: prod }\n'
    expect(problems(text).map((p) => [p.code, p.line, p.column, p.message])).toEqual([
      ['unknown-account', 17, 14, 'account "trustd" is not declared: did you mean trusted?'],
      ['unknown-account', 47, 30, 'account "prod" is not declared'],
    ])
  })

  it('default cannot be declared; two names for one id are refused; an undeclared accounts.NAME.id is unknown', () => {
    const text = TWO_ACCOUNTS.replace('  trusted: { id: "222222222222" }', '  trusted: { id: "222222222222" }\n  default: {}\n  again: { id: "111111111111" }').replace('${{ accounts.trusted.id }}', '${{ accounts.trusty.id }}')
    expect(problems(text).map((p) => [p.code, p.line])).toEqual([
      ['reserved-name', 5],
      ['accounts-not-distinct', 6],
      ['unknown-name', 15],
    ])
    expect(problems(text)[2].message).toBe('${{ accounts.trusty.id }} is not defined: did you mean accounts.trusted.id?')
  })

  it('at most 10 accounts', () => {
    const many = Array.from({ length: 11 }, (_, i) => `  a${i}: {}`).join('\n')
    const text = TWO_ACCOUNTS.replace('  trusted: { id: "222222222222" }', `  trusted: { id: "222222222222" }\n${many}`)
    expect(problems(text).map((p) => [p.code, p.line, p.message])).toEqual([['schema', 4, 'accounts must have at most 10 keys']])
  })

  it('plan shows the account of every step and of every teardown undo', () => {
    const text = formatPlan(buildPlan(loadScenarioText(TWO_ACCOUNTS, 'lab.yaml')))
    expect(text).toContain('accounts default, trusted (222222222222)')
    expect(text).toContain('iam.createRole  as operator in default')
    expect(text).toContain('iam.createUser  as operator in trusted')
    expect(text).toContain('sts.assumeRole  as alice in default')
    expect(text).toContain('arn:aws:iam::222222222222:root')
    expect(text).toMatch(/home-user\s+iam\.deleteUser \(operator of default\)/)
    expect(text).toMatch(/other-user\s+iam\.deleteUser \(operator of trusted\)/)
  })
})

describe('two accounts on the embedded emulator', () => {
  it('each step acts in its account, the ledger names it, teardown undoes each with its own operator, both accounts end empty', async () => {
    const scenario = loadScenarioText(TWO_ACCOUNTS, 'lab.yaml')
    const target = await openTarget(targetForScenario({}, scenario))
    try {
      const result = await runPlan({ plan: buildPlan(scenario), target, runsDir })
      expect(result.steps.map((s) => [s.id, s.status, s.principalArn])).toEqual([
        ['home-role', 'passed', 'arn:aws:iam::111111111111:root'],
        ['other-user', 'passed', 'arn:aws:iam::222222222222:root'],
        ['other-policy', 'passed', 'arn:aws:iam::222222222222:root'],
        ['other-key', 'passed', 'arn:aws:iam::222222222222:root'],
        ['home-user', 'passed', 'arn:aws:iam::111111111111:root'],
        // A key's ARN is known only when a call fails (GetCallerIdentity then); the output above says it.
        ['cross', 'passed', undefined],
        ['who', 'passed', 'arn:aws:iam::222222222222:root'],
      ])
      expect(result.target.accounts).toEqual([{ name: 'trusted', id: '222222222222' }])
      expect(result.teardown.items.map((i) => [i.account ?? 'default', i.stepId, i.action, i.status])).toEqual([
        ['default', 'home-user', 'iam.deleteUser', 'done'],
        ['trusted', 'other-key', 'iam.deleteAccessKey', 'done'],
        ['trusted', 'other-policy', 'iam.deleteUserPolicy', 'done'],
        ['trusted', 'other-user', 'iam.deleteUser', 'done'],
        ['default', 'home-role', 'iam.deleteRole', 'done'],
      ])
      expect(result.exitCode).toBe(0)
      const ledger = readLedger(result.ledger!)
      expect(ledger.filter((r) => r.t === 'undo').map((r) => [r.stepId, (r as { account?: string }).account ?? null])).toEqual([
        ['home-role', null],
        ['other-user', 'trusted'],
        ['other-policy', 'trusted'],
        ['other-key', 'trusted'],
        ['home-user', null],
      ])
      // Names and ids only: no key of any account reaches the ledger.
      const text = JSON.stringify(ledger)
      for (const a of target.emulator!.accounts()) expect(text).not.toContain(a.secretAccessKey)
      for (const id of ['111111111111', '222222222222']) {
        const inv = target.emulator!.inventory(id)
        expect([inv.users, inv.roles, inv.accessKeys, inv.policies]).toEqual([[], [], [], []])
      }
    } finally {
      await target.close()
    }
  })
})

describe('IamflowAccountOperator (the hand-over on iamflow serve)', () => {
  const call = async (em: ReturnType<typeof createEmulator>, creds: { accessKeyId: string; secretAccessKey: string }, params: Record<string, string>) => {
    const { STSClient } = await import('@aws-sdk/client-sts')
    const { iamflowClient } = await import('../src/aws/emulator-call.js')
    const { createInMemoryHandler } = await import('../src/emulator/index.js')
    const sts = new STSClient({ region: 'us-east-1', endpoint: 'http://localhost:4566', credentials: creds, requestHandler: createInMemoryHandler(em, { sourceIp: '127.0.0.1' }), maxAttempts: 1 })
    try {
      return await iamflowClient(() => sts, 'http://localhost:4566', 1).call('IamflowAccountOperator', params)
    } catch (err) {
      return { error: (err as { Code: string }).Code, message: (err as Error).message }
    }
  }

  it("a root gets the same account for the same name, another root another one; a user's key is refused; at most 10", async () => {
    const em = createEmulator({ extraAccounts: 1 })
    const first = await call(em, em.root, { AccountName: 'dev', AccountId: '333333333333' })
    expect(first).toMatchObject({ AccountId: '333333333333' })
    expect(await call(em, em.root, { AccountName: 'dev' })).toMatchObject({ AccountId: '333333333333', AccessKeyId: first.AccessKeyId, SecretAccessKey: first.SecretAccessKey })
    expect(await call(em, em.root, { AccountName: 'dev', AccountId: '444444444444' })).toMatchObject({ error: 'InvalidParameterValue' })
    const other = em.accounts().find((a) => a.accountId !== em.root.accountId && a.accountId !== '333333333333')!
    const theirs = await call(em, other, { AccountName: 'dev' })
    expect(theirs.AccountId).not.toBe('333333333333')

    const { IAMClient, CreateUserCommand, CreateAccessKeyCommand } = await import('@aws-sdk/client-iam')
    const { createInMemoryHandler } = await import('../src/emulator/index.js')
    const iam = new IAMClient({ region: 'us-east-1', endpoint: 'http://localhost:4566', credentials: em.root, requestHandler: createInMemoryHandler(em) })
    await iam.send(new CreateUserCommand({ UserName: 'admin' }))
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'admin' }))).AccessKey!
    expect(await call(em, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }, { AccountName: 'dev' })).toMatchObject({
      error: 'AccessDenied',
      message: expect.stringContaining("only an account's root user may hand over the operators of its named accounts"),
    })
    // A named account's root names no accounts of its own.
    expect(await call(em, { accessKeyId: first.AccessKeyId, secretAccessKey: first.SecretAccessKey }, { AccountName: 'x' })).toMatchObject({ error: 'AccessDenied', message: expect.stringContaining('is itself a named account and cannot name others') })
    for (let i = 1; i < 10; i++) expect(await call(em, em.root, { AccountName: `n${i}` })).toHaveProperty('AccountId')
    expect(await call(em, em.root, { AccountName: 'n10' })).toMatchObject({ error: 'LimitExceeded' })
  })
})

describe('two accounts with --state: --keep, then cleanup', () => {
  it('cleanup finds each account in the state file by the id its ledger recorded and empties both', async () => {
    const { cleanupRun } = await import('../src/engine/ledger/cleanup.js')
    const statePath = join(runsDir, 'state.json')
    const scenario = loadScenarioText(TWO_ACCOUNTS.replaceAll('111111111111', '123456789012'), 'lab.yaml')
    const target = await openTarget({ statePath })
    const result = await runPlan({ plan: buildPlan(scenario), target, runsDir, keep: true })
    expect(result.exitCode).toBe(0)
    expect(result.target.accounts).toEqual([{ name: 'trusted', id: '222222222222' }])
    expect(target.emulator!.inventory('222222222222').users).toEqual(['alice'])
    await target.close()

    const cleaned = await cleanupRun(result.runId, { runsDir, attempts: 1, minTimeoutMs: 1 })
    expect(cleaned.teardown?.items.map((i) => [i.account ?? 'default', i.stepId, i.status])).toEqual([
      ['default', 'home-user', 'done'],
      ['trusted', 'other-key', 'done'],
      ['trusted', 'other-policy', 'done'],
      ['trusted', 'other-user', 'done'],
      ['default', 'home-role', 'done'],
    ])
    const after = createEmulator({ statePath })
    for (const id of ['123456789012', '222222222222']) {
      const inv = after.inventory(id)
      expect([inv.users, inv.roles, inv.accessKeys]).toEqual([[], [], []])
    }
  })
})

describe('a declared identity in a named account', () => {
  it("without from:, that account's operator assumes it (the emulator's root may not: identity-refused names it)", async () => {
    const fixed = TWO_ACCOUNTS.replace('steps:\n', 'identities:\n  viaTrusted: { assume: "${{ roleArn }}", account: trusted }\nsteps:\n') + '  - id: use\n    as: viaTrusted\n    action: sts.getCallerIdentity\n'
    const scenario = loadScenarioText(fixed, 'lab.yaml')
    expect(formatPlan(buildPlan(scenario))).toContain('from: operator of account trusted')
    const target = await openTarget(targetForScenario({}, scenario))
    try {
      const result = await runPlan({ plan: buildPlan(scenario), target, runsDir })
      const use = result.steps.find((s) => s.id === 'use')!
      expect(use.errorCode).toBe('identity-refused')
      expect(use.reason).toMatch(/could not assume identity viaTrusted \(arn:aws:iam::111111111111:role\/shared\) as operator@trusted: AccessDenied/)
    } finally {
      await target.close()
    }
  })
})
