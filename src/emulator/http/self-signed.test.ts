import { createPrivateKey, X509Certificate } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { selfSignedCertificate } from './self-signed.js'

describe('selfSignedCertificate', () => {
  it('is a valid X.509 v3 CA certificate for loopback, signed by its own key', () => {
    const now = new Date('2026-12-02T12:00:00Z')
    const { cert, key } = selfSignedCertificate({ hosts: ['iamflow.test'], now, days: 30 })
    const x = new X509Certificate(cert)
    expect(x.ca).toBe(true)
    expect(x.verify(x.publicKey)).toBe(true)
    expect(x.checkPrivateKey(createPrivateKey(key))).toBe(true)
    expect(x.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:iamflow.test')
    expect(x.checkHost('localhost')).toBe('localhost')
    expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(x.subject).toBe('CN=iamflow serve (self-signed)')
    expect(new Date(x.validTo).getTime()).toBe(now.getTime() + 30 * 86_400_000)
    expect(x.keyUsage).toContain('1.3.6.1.5.5.7.3.1')
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/)
  })

  it('makes a new key and serial each time', () => {
    const a = new X509Certificate(selfSignedCertificate().cert)
    const b = new X509Certificate(selfSignedCertificate().cert)
    expect(a.serialNumber).not.toBe(b.serialNumber)
    expect(a.fingerprint256).not.toBe(b.fingerprint256)
  })

  it('encodes every serial as minimal positive DER (a leading zero byte used to fail 1 in 256)', () => {
    for (let i = 0; i < 600; i++) expect(() => new X509Certificate(selfSignedCertificate().cert)).not.toThrow()
  })
})

