import { describe, expect, it } from 'vitest'
import { accessKeyId, randomAccountId, s3HostId, s3RequestId, secretAccessKey, sessionToken, signingCertificateId, sshPublicKeyId, uniqueId } from './ids.js'

describe('identifier generators (pooled random bytes)', () => {
  it('keep AWS shapes and never repeat across many pool refills', () => {
    const seen = new Set<string>()
    const once = (id: string) => {
      expect(seen.has(id)).toBe(false)
      seen.add(id)
    }
    // 2,000 rounds draw about 1 MB: the 4 KiB pool is refilled a few hundred times.
    for (let i = 0; i < 2000; i++) {
      const user = uniqueId('AIDA')
      expect(user).toMatch(/^AIDA[A-Z0-9]{17}$/)
      once(user)
      const key = accessKeyId(i % 2 ? 'AKIA' : 'ASIA')
      expect(key).toMatch(/^A[KS]IA[A-Z2-7]{16}$/)
      once(key)
      const secret = secretAccessKey()
      expect(secret).toMatch(/^[A-Za-z0-9+/]{40}$/)
      once(secret)
      const token = sessionToken()
      expect(token.startsWith('CRoJb3JpZ2luX2Vj')).toBe(true)
      expect(Buffer.from(token, 'base64')).toHaveLength(12 + 300)
      once(token)
      const requestId = s3RequestId()
      expect(requestId).toMatch(/^[0-9A-F]{16}$/)
      once(requestId)
      const hostId = s3HostId()
      expect(Buffer.from(hostId, 'base64')).toHaveLength(48)
      once(hostId)
      expect(randomAccountId()).toMatch(/^[1-9][0-9]{11}$/)
      expect(sshPublicKeyId()).toMatch(/^APKA[A-Z0-9]{16}$/)
      expect(signingCertificateId()).toMatch(/^[A-Z0-9]{32}$/)
    }
  })

  it('spreads characters over the whole alphabet (the pool is not handed out twice)', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 4000; i++) for (const c of secretAccessKey()) counts.set(c, (counts.get(c) ?? 0) + 1)
    expect(counts.size).toBe(64)
    // 160,000 characters over 64 symbols: 2,500 each on average.
    for (const n of counts.values()) expect(n).toBeGreaterThan(2000)
  })
})
