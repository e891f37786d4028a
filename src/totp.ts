import { createHmac, randomBytes } from 'node:crypto'

/**
 * Time-based one-time passwords as AWS's virtual MFA devices use them (RFC 6238 over the HOTP
 * of RFC 4226): HMAC-SHA-1, a 30-second time step counted from the Unix epoch, 6 digits. The
 * seed is the device's secret in RFC 4648 base32, as CreateVirtualMFADevice returns it
 * (`Base32StringSeed`). A leaf module: the emulator checks codes with it, the scenario's
 * `totp()` template computes them.
 */

/** Seconds per TOTP time step (RFC 6238's default, AWS's and every authenticator app's). */
export const TOTP_STEP_SECONDS = 30
/** Digits per code. */
export const TOTP_DIGITS = 6

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 base32 of `bytes`, without padding (AWS's seeds are 64 characters, a multiple of 8). */
export function base32Encode(bytes: Uint8Array): string {
  let out = ''
  let bits = 0
  let value = 0
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out
}

/**
 * The bytes of a base32 seed (case, spaces and `=` padding ignored, as authenticator apps do),
 * or undefined when it holds another character or is empty.
 */
export function base32Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase()
  if (clean.length === 0 || clean.length > 1024) return undefined
  const out: number[] = []
  let bits = 0
  let value = 0
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch)
    if (v < 0) return undefined
    value = ((value << 5) | v) & 0xffff
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Uint8Array.from(out)
}

/** RFC 4226 HOTP: the 6-digit code of `counter` under `key`. */
export function hotp(key: Uint8Array, counter: number): string {
  const msg = Buffer.alloc(8)
  msg.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac('sha1', key).update(msg).digest()
  const offset = mac[mac.length - 1]! & 0x0f
  const bin = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!
  return String(bin % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0')
}

/** The time step (counter) that `epochMs` falls in. */
export function totpStep(epochMs: number): number {
  return Math.floor(epochMs / 1000 / TOTP_STEP_SECONDS)
}

/**
 * The code a device with `seed` shows at `epochMs`, or `offset` steps later (1 = the next
 * code, as EnableMFADevice's AuthenticationCode2 wants). Throws on a seed that is not base32.
 */
export function totp(seed: string, epochMs: number, offset = 0): string {
  const key = base32Decode(seed)
  if (!key) throw new Error('the MFA seed is not a base32 string (Base32StringSeed of iam.createVirtualMFADevice)')
  return hotp(key, totpStep(epochMs) + offset)
}

/** A new random seed: 40 bytes, 64 base32 characters (the length AWS's seeds have). */
export function newTotpSeed(): string {
  return base32Encode(randomBytes(40))
}
