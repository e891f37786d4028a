/** Shape and format checks for `Principal` / `NotPrincipal` blocks. */

/** `"*"` or `{ AWS | Service | Federated | CanonicalUser: string[] }` after normalisation. */
export type PrincipalBlock = '*' | Record<string, string[]>

const ACCOUNT = /^\d{12}$/
const UNIQUE_ID = /^A[A-Z]{3}[A-Z0-9]{12,124}$/
const IAM_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|cloudfront):(root|user\/.+|role\/.+)$/
const STS_ARN = /^arn:aws[a-z-]*:sts::\d{12}:(assumed-role\/[^/]+\/[^/]+|federated-user\/.+)$/

/** True for the `AWS` principal forms IAM accepts (no wildcards but a bare `*`). */
export function isValidAwsPrincipal(v: string): boolean {
  if (v === '*') return true
  if (v.includes('*') || v.includes('?')) return false
  return ACCOUNT.test(v) || UNIQUE_ID.test(v) || IAM_ARN.test(v) || STS_ARN.test(v)
}

/**
 * Checks a principal block. Returns undefined when valid, `'syntax'` for a malformed shape, or
 * the offending entry formatted as IAM quotes it (`"AWS":"arn:..."`).
 */
export function checkPrincipalBlock(block: PrincipalBlock): string | undefined {
  if (block === '*') return undefined
  const types = Object.keys(block)
  if (types.length === 0) return 'syntax'
  for (const type of types) {
    const values = block[type]
    if (values.length === 0) return 'syntax'
    for (const v of values) {
      const quoted = `${JSON.stringify(type)}:${JSON.stringify(v)}`
      switch (type) {
        case 'AWS':
          if (!isValidAwsPrincipal(v)) return quoted
          break
        case 'Service':
          if (!/^[A-Za-z0-9.-]+$/.test(v)) return quoted
          break
        case 'Federated':
        case 'CanonicalUser':
          if (v === '' || v.includes('*')) return quoted
          break
        default:
          return quoted
      }
    }
  }
  return undefined
}
