import { describe, expect, it } from 'vitest'
import { base32Decode, base32Encode, hotp, newTotpSeed, totp, totpStep } from './totp.js'

// RFC 6238 appendix B: the SHA-1 key is ASCII "12345678901234567890"; its 8-digit codes end in
// the 6 digits below (RFC 4226's truncation, modulo 10^6).
const RFC_KEY = base32Encode(new TextEncoder().encode('12345678901234567890'))

describe('totp (RFC 6238, SHA-1, 30 s, 6 digits)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('gives the RFC test vector at T=%i', (seconds, code) => {
    expect(totp(RFC_KEY, seconds * 1000)).toBe(code)
  })

  it('gives RFC 4226 appendix D HOTP values', () => {
    const key = new TextEncoder().encode('12345678901234567890')
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(['755224', '287082', '359152', '520489'])
  })

  it('changes code exactly at a 30 s boundary and gives the next one with offset 1', () => {
    expect(totpStep(29_999)).toBe(0)
    expect(totpStep(30_000)).toBe(1)
    expect(totp(RFC_KEY, 29_999, 1)).toBe(totp(RFC_KEY, 30_000))
    expect(totp(RFC_KEY, 29_999)).not.toBe(totp(RFC_KEY, 30_000))
  })

  it('round-trips base32 and ignores case, spaces and padding; refuses other characters', () => {
    const seed = newTotpSeed()
    expect(seed).toMatch(/^[A-Z2-7]{64}$/)
    expect(base32Encode(base32Decode(seed)!)).toBe(seed)
    expect(base32Decode('mzxw 6===')).toEqual(new TextEncoder().encode('foo'))
    expect(base32Decode('MZXW1')).toBeUndefined()
    expect(base32Decode('')).toBeUndefined()
    expect(() => totp('not base32!', 0)).toThrow(/not a base32 string/)
  })
})
