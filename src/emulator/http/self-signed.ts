import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { bool, explicit, int, octets, oid, pem, seq, serialNumber, set, time, tlv, utf8, bits } from '../der.js'

/**
 * A self-signed certificate for `iamflow serve --tls`, built with node:crypto alone: Node can
 * make keys and signatures but not X.509 certificates, so the certificate's DER (RFC 5280) is
 * assembled here, about a hundred lines, rather than depending on the `openssl` command (not
 * on every machine) or an npm package (a runtime dependency for one command). The key is
 * ECDSA P-256, signed with SHA-256. The certificate is its own CA (basicConstraints CA:TRUE),
 * so clients trust it through `AWS_CA_BUNDLE`, and names `localhost`, `127.0.0.1`, `::1` and
 * any extra host names given.
 */

export interface SelfSigned {
  /** PEM of the certificate (what AWS_CA_BUNDLE points at). */
  cert: string
  /** PEM (PKCS#8) of the private key: kept in memory, never written by iamflow. */
  key: string
}

function ipBytes(ip: string): Buffer | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return Buffer.from(ip.split('.').map(Number))
  if (ip === '::1') return Buffer.from([...new Array<number>(15).fill(0), 1])
  return undefined
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'))

/** A fresh key and a certificate for `hosts` (plus localhost and loopback), valid `days` days from `now`. */
export function selfSignedCertificate(opts: { hosts?: readonly string[]; now?: Date; days?: number } = {}): SelfSigned {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const spki = publicKey.export({ type: 'spki', format: 'der' })
  const now = opts.now ?? new Date()
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000)
  const notAfter = new Date(now.getTime() + (opts.days ?? 30) * 24 * 60 * 60 * 1000)
  const name = seq(set(seq(oid('2.5.4.3'), utf8('iamflow serve (self-signed)'))))
  const hosts = [...new Set(['localhost', '127.0.0.1', '::1', ...(opts.hosts ?? [])])]
  const altNames = hosts.map((h) => {
    const ip = ipBytes(h)
    return ip ? tlv(0x87, ip) : tlv(0x82, Buffer.from(h, 'ascii'))
  })
  // Subject key identifier: SHA-1 of the public key bit string (RFC 5280 4.2.1.2, method 1).
  const keyId = createHash('sha1').update(spki.subarray(spki.length - 65)).digest()
  const extensions = seq(
    seq(oid('2.5.29.19'), bool(true), octets(seq(bool(true)))), // basicConstraints: CA
    seq(oid('2.5.29.15'), bool(true), octets(tlv(0x03, Buffer.from([0x02, 0x84])))), // keyUsage: digitalSignature, keyCertSign
    seq(oid('2.5.29.37'), octets(seq(oid('1.3.6.1.5.5.7.3.1')))), // extKeyUsage: serverAuth
    seq(oid('2.5.29.17'), octets(seq(...altNames))), // subjectAltName
    seq(oid('2.5.29.14'), octets(octets(keyId))), // subjectKeyIdentifier
    seq(oid('2.5.29.35'), octets(seq(tlv(0x80, keyId)))), // authorityKeyIdentifier
  )
  const tbs = seq(explicit(0, int(Buffer.from([2]))), serialNumber(randomBytes(16)), ECDSA_SHA256, name, seq(time(notBefore), time(notAfter)), name, Buffer.from(spki), explicit(3, extensions))
  const signature = sign('sha256', tbs, privateKey)
  const der = seq(tbs, ECDSA_SHA256, bits(signature))
  return { cert: pem('CERTIFICATE', der), key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string }
}
