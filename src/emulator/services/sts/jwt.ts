import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto'

/**
 * The subset of JSON Web Tokens (RFC 7519) that web identity federation needs: compact JWS with
 * RS256 (RFC 7515/7518), signed with the issuer key the emulator holds for a registered OIDC
 * provider and verified with its public half. Nothing else (no `none`, no HS*, no JWE) is
 * accepted, as AWS accepts only asymmetric signatures from a provider's JWKS.
 */

/** A token parsed but not yet trusted. */
export interface ParsedJwt {
  header: Record<string, unknown>
  claims: Record<string, unknown>
  signingInput: string
  signature: Buffer
}

/** Longest token read (AWS's WebIdentityToken model maximum is 20,000 characters). */
const MAX_TOKEN_CHARS = 20_000

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url')

function parsePart(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
    // Claims are the token's: read into a prototype-free record.
    return Object.assign(Object.create(null) as Record<string, unknown>, value)
  } catch {
    return undefined
  }
}

/** Split and decode a compact JWS, or undefined when it is not one. */
export function parseJwt(token: string): ParsedJwt | undefined {
  if (token.length > MAX_TOKEN_CHARS) return undefined
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const [h, c, s] = parts as [string, string, string]
  const header = parsePart(h)
  const claims = parsePart(c)
  if (!header || !claims || !/^[A-Za-z0-9_-]+$/.test(s)) return undefined
  return { header, claims, signingInput: `${h}.${c}`, signature: Buffer.from(s, 'base64url') }
}

/** Sign `claims` as an RS256 JWT with a PKCS#8 PEM private key. */
export function signJwt(claims: Record<string, unknown>, key: { kid: string; privateKeyPem: string }): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: key.kid }
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`
  const signature = sign('sha256', Buffer.from(input), createPrivateKey(key.privateKeyPem))
  return `${input}.${b64url(signature)}`
}

/** Whether `jwt` carries a valid RS256 signature by the public half of `privateKeyPem`. */
export function verifyJwt(jwt: ParsedJwt, privateKeyPem: string): boolean {
  if (jwt.header.alg !== 'RS256') return false
  const publicKey = createPublicKey(createPrivateKey(privateKeyPem))
  return verify('sha256', Buffer.from(jwt.signingInput), publicKey, jwt.signature)
}
