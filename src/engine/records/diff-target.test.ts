import { describe, expect, it } from 'vitest'
import { InputError } from '../../errors.js'
import { parseDiffTarget, parseDiffTargets } from './diff-target.js'

describe('diff targets', () => {
  it('named-account flags go to the aws side only', () => {
    const flags = { account: '123456789012', accountFlags: { profiles: ['development=dev'], ids: ['development=210987654321'] } }
    const [a, b] = parseDiffTargets(['embedded', 'aws:lab'], flags)
    expect(a.options).toEqual({ target: 'embedded' })
    expect(b.options).toEqual({ target: 'aws', profile: 'lab', account: '123456789012', accountFlags: { profiles: ['development=dev'], ids: ['development=210987654321'] } })
  })

  it('with no aws side, AWS-only flags are refused (account-not-applicable), not ignored', () => {
    const refuse = (flags: Parameters<typeof parseDiffTargets>[1]) => {
      try {
        parseDiffTargets(['embedded', 'http://127.0.0.1:4566'], flags)
      } catch (e) {
        return e as InputError
      }
      throw new Error('accepted')
    }
    const e = refuse({ accountFlags: { profiles: ['development=dev'], ids: [] } })
    expect(e).toBeInstanceOf(InputError)
    expect(e.code).toBe('account-not-applicable')
    expect(e.message).toBe('--account-profile development=dev applies to an aws target only, and neither --target is aws')
    expect(refuse({ account: '123456789012' }).message).toBe('--account 123456789012 applies to an aws target only, and neither --target is aws')
    expect(parseDiffTargets(['embedded', 'http://127.0.0.1:4566']).map((s) => s.label)).toEqual(['embedded', 'http://127.0.0.1:4566'])
  })

  it('refuses what is not a target', () => {
    expect(() => parseDiffTarget('ftp://x')).toThrow(/not embedded, aws, aws:PROFILE or an http\(s\) endpoint URL/)
    expect(() => parseDiffTarget('aws:bad profile')).toThrow(/is not a profile name/)
  })
})
