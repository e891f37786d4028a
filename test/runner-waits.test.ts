import { describe, expect, it } from 'vitest'
import type { ErrorOutcome } from '../src/aws/errors.js'
import type { Answer } from '../src/engine/run/expectations.js'
import { resolveAction } from '../src/actions/registry.js'
import { ChangeLog, propagationSignature, withPropagationWaits } from '../src/engine/run/waits.js'

const err = (code: string): ErrorOutcome => ({ kind: 'error', code, message: code, status: 403, ambiguous: false })
const success: Answer = { kind: 'success', output: {} }
const now = 1_000_000
const act = (name: string) => resolveAction(name)!
const changeKindsOf = (name: string) => act(name).changes ?? []

function changes(kinds: Parameters<ChangeLog['record']>[0], at: number): ChangeLog {
  const log = new ChangeLog()
  log.record(kinds, at)
  return log
}

describe('propagationSignature', () => {
  const base = { action: act('s3.listBuckets'), expect: { output: {} }, now, windowMs: 60_000 }

  it('new credentials: InvalidClientTokenId / InvalidAccessKeyId right after the key was made', () => {
    expect(propagationSignature({ ...base, answer: err('InvalidClientTokenId'), changes: new ChangeLog(), credentialsIssuedAt: now - 2000 })).toBe('new credentials are not valid everywhere yet')
    expect(propagationSignature({ ...base, answer: err('InvalidAccessKeyId'), changes: new ChangeLog(), credentialsIssuedAt: now - 2000 })).toBe('new credentials are not valid everywhere yet')
    expect(propagationSignature({ ...base, answer: err('InvalidClientTokenId'), changes: new ChangeLog(), credentialsIssuedAt: now - 120_000 })).toBeUndefined()
  })

  it('new role or trust: AccessDenied on AssumeRole after a trust change', () => {
    expect(propagationSignature({ ...base, action: act('sts.assumeRole'), answer: err('AccessDenied'), changes: changes(['trust'], now - 1000) })).toBe('a new role or trust policy is not effective yet')
  })

  it('new attachment: AccessDenied after a permissions change', () => {
    expect(propagationSignature({ ...base, answer: err('AccessDenied'), changes: changes(['permissions'], now - 1000) })).toBe('a recent policy change is not effective yet')
    expect(propagationSignature({ ...base, answer: err('AccessDenied'), changes: changes(['permissions'], now - 61_000) })).toBeUndefined()
  })

  it('removed permissions still working: only for read-only calls expected to be denied', () => {
    const expectDenied = { output: {}, error: 'AccessDenied' }
    expect(propagationSignature({ ...base, expect: expectDenied, answer: success, changes: changes(['permissions'], now - 1000) })).toBe('removed permissions still work for a while')
    expect(propagationSignature({ ...base, action: act('iam.createUser'), expect: expectDenied, answer: success, changes: changes(['permissions'], now - 1000) })).toBeUndefined()
  })

  it('deactivated or deleted keys still working: only for read-only calls expected to be refused', () => {
    const refused = { output: {}, error: 'InvalidClientTokenId' }
    expect(propagationSignature({ ...base, action: act('sts.getCallerIdentity'), expect: refused, answer: success, changes: changes(changeKindsOf('iam.updateAccessKey'), now - 500) })).toBe('a deactivated or deleted key still works for a while')
    expect(propagationSignature({ ...base, action: act('sts.getCallerIdentity'), expect: refused, answer: success, changes: changes(['trust'], now - 500) })).toBeUndefined()
  })

  // Issue 16 item 18: inferred from eventual consistency (IAM User Guide, troubleshoot_general);
  // the Invalid principal signature is reported (hashicorp/terraform#4709,
  // terraform-provider-aws#12436, whose CreateRole retries it: "IAM users ... can take ~30
  // seconds to propagate in AWS").
  it('expected AccessDenied with another reason after a policy change: retried', () => {
    const expectExplicit = { output: {}, error: 'AccessDenied', message: 'with an explicit deny' }
    const other: ErrorOutcome = { ...err('AccessDenied'), message: 'User: u is not authorized to perform: iam:ListUsers because no identity-based policy allows the iam:ListUsers action' }
    expect(propagationSignature({ ...base, expect: expectExplicit, answer: other, changes: changes(['permissions'], now - 1000) })).toBe('the reason of a denial can change while a recent policy change propagates')
    expect(propagationSignature({ ...base, expect: expectExplicit, answer: other, changes: changes(['permissions'], now - 61_000) })).toBeUndefined()
  })

  it('MalformedPolicyDocument: Invalid principal right after a principal was created: retried', () => {
    const invalid: ErrorOutcome = { ...err('MalformedPolicyDocument'), status: 400, message: 'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user/new"' }
    const created = changes(changeKindsOf('iam.createUser'), now - 2000)
    expect(propagationSignature({ ...base, action: act('iam.createRole'), answer: invalid, changes: created })).toBe('a principal created moments ago is not known everywhere yet')
    expect(propagationSignature({ ...base, action: act('iam.createRole'), answer: invalid, changes: changes(changeKindsOf('iam.createUser'), now - 61_000) })).toBeUndefined()
    expect(propagationSignature({ ...base, action: act('iam.createRole'), answer: { ...invalid, message: 'Syntax errors in policy.' }, changes: created })).toBeUndefined()
  })

  it('nothing else: other codes, no recent change, or a zero window', () => {
    expect(propagationSignature({ ...base, answer: err('NoSuchEntity'), changes: changes(['permissions'], now) })).toBeUndefined()
    expect(propagationSignature({ ...base, answer: err('AccessDenied'), changes: new ChangeLog() })).toBeUndefined()
    expect(propagationSignature({ ...base, windowMs: 0, answer: err('AccessDenied'), changes: changes(['permissions'], now) })).toBeUndefined()
  })

  it('reads what a call changes from its definition; a pass-through by its verb', () => {
    expect(changeKindsOf('iam.createRole')).toEqual(['permissions', 'trust'])
    expect(changeKindsOf('iam.updateAssumeRolePolicy')).toEqual(['permissions', 'trust'])
    expect(changeKindsOf('iam.attachUserPolicy')).toEqual(['permissions'])
    expect(changeKindsOf('iam.listUsers')).toEqual([])
    expect(changeKindsOf('iam.deleteAccessKey')).toEqual(['permissions', 'credentials'])
    expect(changeKindsOf('s3.putBucketPolicy')).toEqual(['permissions'])
    expect(changeKindsOf('s3.putObject')).toEqual([])
    expect(act('iam.listUsers').readOnly).toBe(true)
    expect(act('sts.getCallerIdentity').readOnly).toBe(true)
    expect(act('sts.assumeRole').readOnly).toBeUndefined()
    expect(changeKindsOf('iam.createInstanceProfile')).toEqual(['permissions'])
    expect(changeKindsOf('s3.putPublicAccessBlock')).toEqual(['permissions'])
    expect(changeKindsOf('s3.putBucketVersioning')).toEqual([])
    expect(act('iam.listInstanceProfiles').readOnly).toBe(true)
    expect(act('iam.deleteInstanceProfile').readOnly).toBeUndefined()
  })
})

describe('withPropagationWaits', () => {
  it('retries with growing backoff until the answer is final, reporting each wait', async () => {
    const answers: Answer[] = [err('AccessDenied'), err('AccessDenied'), err('AccessDenied'), success]
    const waits: number[] = []
    const gaps: number[] = []
    let last = performance.now()
    const out = await withPropagationWaits(
      async (n) => {
        const t = performance.now()
        gaps.push(t - last)
        last = t
        return answers[n - 1]
      },
      { windowMs: 40_000, retryReason: (a) => (a.kind === 'error' ? 'not yet' : undefined), onWait: (w) => waits.push(w.attempt) },
    )
    expect(out.result).toBe(success)
    expect(out.attempts).toBe(4)
    expect(waits).toEqual([2, 3, 4])
    // 40_000/400 = 100 ms first, then x1.06: 100, 106, 112.4 (timers may fire a little late, never early)
    expect(gaps[1]).toBeGreaterThanOrEqual(99)
    expect(gaps[2]).toBeGreaterThanOrEqual(105)
    expect(gaps[3]).toBeGreaterThanOrEqual(111)
    expect(out.waitedMs).toBeGreaterThanOrEqual(315)
  })

  it('gives up at the window and returns the last answer', async () => {
    const started = performance.now()
    let calls = 0
    const out = await withPropagationWaits(
      async () => {
        calls++
        return err('AccessDenied') as Answer
      },
      { windowMs: 300, retryReason: () => 'not yet' },
    )
    const took = performance.now() - started
    expect(out.result).toEqual(err('AccessDenied'))
    expect(calls).toBeGreaterThan(3)
    expect(took).toBeGreaterThanOrEqual(295)
    expect(took).toBeLessThan(1500)
  })

  it('makes one call when the window is 0', async () => {
    let calls = 0
    await withPropagationWaits(async () => (calls++, err('AccessDenied') as Answer), { windowMs: 0, retryReason: () => 'not yet' })
    expect(calls).toBe(1)
  })

  it('is interrupted by its signal while waiting, but keeps an answer that was final', async () => {
    const abort = new AbortController()
    const waiting = withPropagationWaits(async () => err('AccessDenied') as Answer, {
      windowMs: 60_000,
      signal: abort.signal,
      retryReason: () => 'not yet',
      onWait: () => abort.abort(new Error('interrupted')),
    })
    await expect(waiting).rejects.toThrow('interrupted')
    const abort2 = new AbortController()
    const kept = await withPropagationWaits(
      async () => {
        abort2.abort(new Error('interrupted'))
        return success
      },
      { windowMs: 60_000, signal: abort2.signal, retryReason: () => undefined },
    )
    expect(kept.result).toBe(success)
  })
})
