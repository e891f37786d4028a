import { randomFillSync, randomUUID, createHash } from 'node:crypto'

/** Identifier generators in AWS's shapes (prefixes, lengths, alphabets). */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * Random bytes for identifiers, drawn from a pool refilled by the CSPRNG (one `randomFillSync` of
 * 4 KiB instead of one `randomBytes` call and buffer per id; as `randomUUID` does). Every byte
 * is handed out once. At most 512 bytes a request.
 */
const POOL_SIZE = 4096
const POOL_MAX_TAKE = 512
const pool = Buffer.alloc(POOL_SIZE)
let poolOffset = POOL_SIZE

/** The pool offset of `length` fresh random bytes (valid until the next call). */
function reserve(length: number): number {
  if (poolOffset + length > POOL_SIZE) {
    randomFillSync(pool)
    poolOffset = 0
  }
  const at = poolOffset
  poolOffset += length
  return at
}

function randomFrom(alphabet: string, length: number): string {
  if (length > POOL_MAX_TAKE) throw new RangeError(`randomFrom: ${length} characters asked, at most ${POOL_MAX_TAKE}`)
  const at = reserve(length)
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[pool[at + i]! % alphabet.length]
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
  const at = reserve(300)
  return Buffer.concat([head, pool.subarray(at, at + 300)]).toString('base64')
}

/** IAM/STS request id: lower-case UUID v4. */
export function queryRequestId(): string {
  return randomUUID()
}

/** S3 `x-amz-request-id`: 16 upper-case hex characters. */
export function s3RequestId(): string {
  const at = reserve(8)
  return pool.toString('hex', at, at + 8).toUpperCase()
}

/** S3 `x-amz-id-2`: a base64 host id. */
export function s3HostId(): string {
  const at = reserve(48)
  return pool.toString('base64', at, at + 48)
}

/** A 64-hex canonical user id (S3 Owner.ID), stable for an account id. */
export function canonicalUserId(accountId: string): string {
  return createHash('sha256').update(`iamflow-canonical:${accountId}`).digest('hex')
}

/** A random 12-digit account id (no leading zero, never the default one). */
export function randomAccountId(): string {
  const digits = randomFrom('0123456789', 11)
  return String(1 + (pool[reserve(1)]! % 9)) + digits
}
