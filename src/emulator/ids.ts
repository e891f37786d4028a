import { randomBytes, randomUUID, createHash } from 'node:crypto'

/** Identifier generators in AWS's shapes (prefixes, lengths, alphabets). */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length]
  return out
}

/** IAM unique-id prefixes (IAM User Guide "Understanding unique ID prefixes"). */
export type IdPrefix = 'AIDA' | 'AROA' | 'AGPA' | 'ANPA' | 'AIPA' | 'ANVA' | 'ASCA' | 'ACCA'

/** A 21-character IAM unique id: prefix + 17 upper-case letters/digits. */
export function uniqueId(prefix: IdPrefix): string {
  return prefix + randomFrom(UPPER_ALNUM, 17)
}

/** An SSH public key id: `APKA` + 16 upper-case letters/digits (20 characters, like AWS's). */
export function sshPublicKeyId(): string {
  return 'APKA' + randomFrom(UPPER_ALNUM, 16)
}

/** A signing certificate id: 32 upper-case letters/digits (AWS's ids are `[\w]+`, 24..128). */
export function signingCertificateId(): string {
  return randomFrom(UPPER_ALNUM, 32)
}

/** A 20-character access key id: `AKIA` (long-term) or `ASIA` (temporary) + 16 base32 chars. */
export function accessKeyId(kind: 'AKIA' | 'ASIA'): string {
  return kind + randomFrom(BASE32, 16)
}

/** A 40-character secret access key. */
export function secretAccessKey(): string {
  return randomFrom(SECRET_ALPHABET, 40)
}

/**
 * An opaque session token: base64, several hundred characters, derived from random bytes only
 * (it never contains the secret). Starts like AWS's current tokens (`IQoJb3JpZ2luX2Vj`).
 */
export function sessionToken(): string {
  const head = Buffer.from('\t\x1a\torigin_ec', 'latin1')
  return Buffer.concat([head, randomBytes(300)]).toString('base64')
}

/** IAM/STS request id: lower-case UUID v4. */
export function queryRequestId(): string {
  return randomUUID()
}

/** S3 `x-amz-request-id`: 16 upper-case hex characters. */
export function s3RequestId(): string {
  return randomBytes(8).toString('hex').toUpperCase()
}

/** S3 `x-amz-id-2`: a base64 host id. */
export function s3HostId(): string {
  return randomBytes(48).toString('base64')
}

/** A 64-hex canonical user id (S3 Owner.ID), stable for an account id. */
export function canonicalUserId(accountId: string): string {
  return createHash('sha256').update(`iamflow-canonical:${accountId}`).digest('hex')
}

/** A random 12-digit account id (no leading zero, never the default one). */
export function randomAccountId(): string {
  const digits = randomFrom('0123456789', 11)
  return String(1 + (randomBytes(1)[0]! % 9)) + digits
}
