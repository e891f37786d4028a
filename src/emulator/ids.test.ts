import { describe, expect, it } from 'vitest'
import { accessKeyId, randomAccountId, s3HostId, s3RequestId, secretAccessKey, sessionToken, signingCertificateId, sshPublicKeyId, uniqueId } from './ids.js'

describe('identifier generators (pooled random bytes)', () => {
  it('keep AWS shapes and never repeat across many pool refills', () => {
    const seen = new Set<string>()
    const bad: string[] = []
    const check = (id: string, shape: RegExp, unique = true) => {
      if (!shape.test(id)) bad.push(`${id} !~ ${shape}`)
      if (unique && seen.has(id)) bad.push(`repeated ${id}`)
      seen.add(id)
    }
    // 600 rounds draw about 290 KB: the 4 KiB pool is refilled about 70 times.
    for (let i = 0; i < 600; i++) {
      check(uniqueId('AIDA'), /^AIDA[A-Z0-9]{17}$/)
      check(accessKeyId(i % 2 ? 'AKIA' : 'ASIA'), /^A[KS]IA[A-Z2-7]{16}$/)
      check(secretAccessKey(), /^[A-Za-z0-9+/]{40}$/)
      const token = sessionToken()
      check(token, /^CRoJb3JpZ2luX2Vj[A-Za-z0-9+/]+={0,2}$/)
      if (Buffer.from(token, 'base64').length !== 12 + 300) bad.push(`token of ${Buffer.from(token, 'base64').length} bytes`)
      check(s3RequestId(), /^[0-9A-F]{16}$/)
      const hostId = s3HostId()
      check(hostId, /^[A-Za-z0-9+/]{64}$/)
      check(randomAccountId(), /^[1-9][0-9]{11}$/, false)
      check(sshPublicKeyId(), /^APKA[A-Z0-9]{16}$/)
      check(signingCertificateId(), /^[A-Z0-9]{32}$/)
    }
    expect(bad).toEqual([])
    expect(seen.size).toBeGreaterThan(600 * 8)
  })

  it('spreads characters over the whole alphabet (the pool is not handed out twice)', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 4000; i++) for (const c of secretAccessKey()) counts.set(c, (counts.get(c) ?? 0) + 1)
    expect(counts.size).toBe(64)
    // 160,000 characters over 64 symbols: 2,500 each on average.
    for (const n of counts.values()) expect(n).toBeGreaterThan(2000)
  })
})
