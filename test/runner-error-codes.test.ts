import { afterEach, describe, expect, it } from 'vitest'
import { summarize } from '../src/engine/suite/suite.js'
import { cleanTmp, runText, statuses } from './runner-helpers.js'

afterEach(cleanTmp)

/**
 * Issue 13, item 5: problems the runner finds (rather than a step's expectation) carry
 * iamflow's own codes and the exit code their kind says, never "infrastructure" (3).
 */
describe('runner errors carry catalogue codes and their exit codes', () => {
  it('a step acting as an identity whose making step failed fails too (exit 1), naming that step', async () => {
    const { result } = await runText(`
name: identity-not-made
steps:
  - id: key
    action: iam.createAccessKey
    input: { UserName: nobody }
    identity: demo
  - id: who
    as: demo
    action: sts.getCallerIdentity
`)
    expect(statuses(result)).toEqual({ key: 'failed', who: 'failed' })
    const who = result.steps[1]!
    expect(who.errorCode).toBe('identity-not-made')
    expect(who.reason).toBe('identity demo does not exist: step key, which makes it, did not succeed')
    expect(who.failures).toEqual([{ what: 'identity', expected: 'identity demo to act as', got: who.reason }])
    expect(who.attempts).toBe(0)
    expect([result.status, result.exitCode]).toEqual(['failed', 1])
  })

  it('a declared identity AWS refuses to let be assumed fails the step (exit 1), with the AWS answer', async () => {
    const { result } = await runText(`
name: identity-refused
identities:
  reader:
    assume: "arn:aws:iam::123456789012:role/nope"
steps:
  - id: who
    as: reader
    action: sts.getCallerIdentity
`)
    const who = result.steps[0]!
    expect([who.status, who.errorCode]).toEqual(['failed', 'identity-refused'])
    expect(who.reason).toBe('could not assume identity reader (arn:aws:iam::123456789012:role/nope) as operator: AccessDenied: Roles may not be assumed by root accounts.')
    expect([result.status, result.exitCode]).toEqual(['failed', 1])
  })

  it('a declared environment variable that is unset stops the run before any call, exit 2 (env-not-set)', async () => {
    delete process.env.IAMFLOW_TEST_SURELY_UNSET
    const run = runText(`
name: env-unset
env: [IAMFLOW_TEST_SURELY_UNSET]
steps:
  - id: u
    action: iam.createUser
    input: { UserName: "\${{ env.IAMFLOW_TEST_SURELY_UNSET }}" }
`)
    await expect(run).rejects.toMatchObject({ code: 'env-not-set', exitCode: 2, message: 'env-unset reads IAMFLOW_TEST_SURELY_UNSET from the environment, but it is not set' })
  })

  it('a suite exits 3 over 2 over 1', () => {
    const run = (exitCode: 0 | 1 | 2 | 3) => ({ status: exitCode === 0 ? 'passed' : exitCode === 1 ? 'failed' : 'errored', exitCode }) as never
    expect(summarize([run(1), run(2)], 0, 1, false).exitCode).toBe(2)
    expect(summarize([run(2), run(3), run(1)], 0, 1, false).exitCode).toBe(3)
    expect(summarize([run(0), run(1)], 0, 1, false).exitCode).toBe(1)
  })
})
