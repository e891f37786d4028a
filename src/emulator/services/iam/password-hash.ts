import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

/**
 * Console passwords are never kept: a login profile keeps a salted scrypt hash of its password
 * (and of the ones before it, for PasswordReusePrevention), enough for ChangePassword to check
 * the old password. `scrypt$<salt>$<hash>`, base64url. The cost is modest (N = 2^12): the hash
 * guards lab passwords in a local state file, and every check runs on the request path.
 */

const N = 1 << 12
const LENGTH = 32

/** The stored form of `password`. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(password, salt, LENGTH, { N })
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`
}

/** Whether `password` is the one `stored` was made from (false for a malformed `stored`). */
export function passwordMatches(password: string, stored: string): boolean {
  const parts = stored.split('$')
  if (parts.length !== 3 || parts[0] !== 'scrypt') return false
  const expected = Buffer.from(parts[2]!, 'base64url')
  if (expected.length !== LENGTH) return false
  const actual = scryptSync(password, Buffer.from(parts[1]!, 'base64url'), LENGTH, { N })
  return timingSafeEqual(actual, expected)
}
