/**
 * The few DER (X.690) encoders the emulator's self-made X.509 certificates need: `serve --tls`
 * (http/self-signed.ts) and the SAML identity provider's signing certificate
 * (services/sts/saml/idp-keys.ts). Node makes keys and signatures but not certificates.
 */

const len = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}
/** One tag-length-value. */
export const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content)
  return Buffer.concat([Buffer.from([tag]), len(body.length), body])
}
export const seq = (...items: Buffer[]) => tlv(0x30, ...items)
export const set = (...items: Buffer[]) => tlv(0x31, ...items)
/** A non-negative INTEGER from big-endian bytes (a leading 0 added when the top bit is set). */
export const int = (bytes: Buffer) => tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes)
export const bits = (bytes: Buffer) => tlv(0x03, Buffer.from([0]), bytes)
export const octets = (bytes: Buffer) => tlv(0x04, bytes)
export const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]))
export const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'))
export const nul = () => Buffer.from([0x05, 0x00])
export const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner)

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number)
  const out = [40 * parts[0]! + parts[1]!]
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f]
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80)
    out.push(...chunk)
  }
  return tlv(0x06, Buffer.from(out))
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
export function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso))
}

/** A certificate serial: 16 random bytes, positive and minimal in DER. */
export function serialNumber(random: Buffer): Buffer {
  const serial = Buffer.from(random)
  // Top bit clear (not negative) and a non-zero first byte (a leading 0x00 before a byte < 0x80
  // is "illegal padding": about 1 certificate in 256 failed before this).
  serial[0] = (serial[0]! & 0x7f) | 0x40
  return int(serial)
}

/** PEM armour for DER bytes. */
export function pem(label: string, der: Buffer): string {
  return `-----BEGIN ${label}-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`
}
