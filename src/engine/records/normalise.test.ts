import { describe, expect, it } from 'vitest'
import { leakIn, Normaliser } from './normalise.js'

const ctx = { runId: 'mf3k2j9a-x7q2', account: '123456789012' }

describe('Normaliser.text', () => {
  it('replaces the run id, the account, generated ids, keys, timestamps and request ids', () => {
    const n = new Normaliser(ctx)
    expect(n.text('User: arn:aws:iam::123456789012:user/demo-mf3k2j9a-x7q2 is not authorized')).toBe('User: arn:aws:iam::<account>:user/demo-<run-id> is not authorized')
    expect(n.text('key AKIAIOSFODNN7EXAMPLE and ASIAQWERTYUIOPASDFGH')).toBe('key AKIA<key-id> and ASIA<key-id>')
    expect(n.text('ids AIDAJQABLZS4A3QDU576Q AROA3XFRBF535PLBIFPI4 ANPAJ2UCCR6DPCEXAMPLE')).toBe('ids AIDA<id> AROA<id> ANPA<id>')
    expect(n.text('at 2026-12-02T22:12:01.123Z and 2026-12-02T22:12:01+00:00')).toBe('at <timestamp> and <timestamp>')
    expect(n.text('request 3f2a1c9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b / 3CBA84DDCD11D350')).toBe('request <uuid> / <request-id>')
    expect(n.text(`owner ${'ab12'.repeat(16)}`)).toBe('owner <canonical-id>')
  })

  it('replaces secret keys and session tokens by shape', () => {
    const n = new Normaliser(ctx)
    expect(n.text('secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.')).toBe('secret <secret>.')
    expect(n.text(`token IQoJb3JpZ2luX2Vj${'A'.repeat(300)}==`)).toBe('token <token>')
  })

  it('numbers other accounts in order of appearance, the same id always the same placeholder', () => {
    const n = new Normaliser(ctx)
    expect(n.text('arn:aws:iam::111122223333:root then arn:aws:iam::444455556666:root')).toBe('arn:aws:iam::<account-2>:root then arn:aws:iam::<account-3>:root')
    expect(n.text('again 111122223333, own 123456789012')).toBe('again <account-2>, own <account>')
    expect(n.value(444455556666)).toBe('<account-3>')
  })

  it('shows run-scoped names (--unique-names) as the lab wrote them, so runs with and without the option compare', () => {
    const n = new Normaliser({ ...ctx, names: [{ name: 'demo', renamed: 'demo-k3f9a2' }, { name: 'demo-user', renamed: 'demo-user-k3f9a2' }] })
    expect(n.text('User: arn:aws:iam::123456789012:user/demo-user-k3f9a2 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/demo-k3f9a2')).toBe(
      'User: arn:aws:iam::<account>:user/demo-user is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::<account>:role/demo',
    )
  })

  it('leaves ordinary text alone', () => {
    const n = new Normaliser(ctx)
    expect(n.text('Roles may not be assumed by root accounts.')).toBe('Roles may not be assumed by root accounts.')
    expect(n.text('Value 43201 at maxSessionDuration')).toBe('Value 43201 at maxSessionDuration')
  })

  it('normalises values deeply into prototype-free objects, bounded in size', () => {
    const n = new Normaliser(ctx)
    const out = n.value({ Arn: 'arn:aws:iam::123456789012:role/r', ['__proto__']: 'x', list: Array.from({ length: 205 }, (_, i) => i) }) as Record<string, unknown>
    expect(Object.getPrototypeOf(out)).toBeNull()
    expect(out.Arn).toBe('arn:aws:iam::<account>:role/r')
    expect(Object.keys(out)).toContain('__proto__')
    expect((out.list as unknown[]).length).toBe(201)
    expect((out.list as unknown[])[200]).toBe('<5 more>')
  })

  it('normalises an observation: message and output values, never the code', () => {
    const n = new Normaliser(ctx)
    const o = n.observation({ outcome: 'error', code: 'AccessDenied', status: 403, because: ['implicitDeny'], message: 'arn:aws:iam::123456789012:user/u', output: [{ path: 'Account', value: '123456789012' }, { path: 'Owner.ID', exists: true }] })
    expect(o).toEqual({ outcome: 'error', code: 'AccessDenied', status: 403, because: ['implicitDeny'], message: 'arn:aws:iam::<account>:user/u', output: [{ path: 'Account', value: '<account>' }, { path: 'Owner.ID', exists: true }] })
  })
})

describe('leakIn', () => {
  it('names what a text still leaks', () => {
    expect(leakIn('account 123456789012')).toBe('an account id')
    expect(leakIn('AKIAIOSFODNN7EXAMPLE')).toBe('an access key id')
    expect(leakIn('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('a secret access key')
    expect(leakIn(`${'A'.repeat(120)}`)).toBe('a session token')
    expect(leakIn('arn:aws:iam::<account>:user/AKIA<key-id>')).toBeUndefined()
  })
})

describe('values that differ per write or per second', () => {
  it('S3 version ids become <version-id> (the unversioned null stays), epoch seconds in messages <epoch>', () => {
    const n = new Normaliser(ctx)
    expect(n.observation({ outcome: 'success', output: [
      { path: 'VersionId', value: 'Mkw4cIJsdQ4AuxGc5cVZR7a0yuAjhO_3' },
      { path: 'Versions.1.VersionId', value: 'null' },
      { path: 'Versions', value: [{ Key: 'a', VersionId: '.dU3bTcS0BJlT5b4jhkN84661T2TVDk3' }] },
    ] } as never)).toEqual({ outcome: 'success', output: [
      { path: 'VersionId', value: '<version-id>' },
      { path: 'Versions.1.VersionId', value: 'null' },
      { path: 'Versions', value: [{ Key: 'a', VersionId: '<version-id>' }] },
    ] })
    expect(n.text('Token expired: current date/time 1796269874 must be before the expiration date/time 1796269814')).toBe(
      'Token expired: current date/time <epoch> must be before the expiration date/time <epoch>',
    )
  })
})
