import type { BucketEntity } from '../../state/model.js'

/** When a bucket policy is public in S3's sense, and what RestrictPublicBuckets leaves of it (see public-access.ts). */

/**
 * Condition keys that make a wildcard-principal statement non-public when compared to fixed
 * values (S3 User Guide, "The meaning of 'public'").
 */
const FIXING_KEYS = new Set(
  [
    'aws:SourceIp', 'aws:SourceArn', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:SourceOwner', 'aws:SourceAccount',
    'aws:userid', 'aws:PrincipalOrgID', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgPaths',
    's3:x-amz-server-side-encryption-aws-kms-key-id', 's3:DataAccessPointArn', 's3:DataAccessPointAccount',
  ].map((k) => k.toLowerCase()),
)

function isWildcardPrincipal(p: unknown): boolean {
  const star = (v: unknown) => v === '*' || (Array.isArray(v) && v.includes('*'))
  if (star(p)) return true
  return typeof p === 'object' && p !== null && !Array.isArray(p) && Object.hasOwn(p, 'AWS') && star((p as Record<string, unknown>).AWS)
}

/** A condition block that pins the statement to fixed values of a fixing key. */
function isFixed(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) return false
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    // Negated and IfExists operators do not pin anything down.
    if (/Not|IfExists$/.test(operator) || typeof block !== 'object' || block === null) continue
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      if (!FIXING_KEYS.has(key.toLowerCase())) continue
      const values = (Array.isArray(raw) ? raw : [raw]).map(String)
      const fixed = values.every((v) => {
        if (key.toLowerCase() === 'aws:sourceip') {
          const m = /\/(\d+)$/.exec(v)
          return m === null || Number(m[1]) >= (v.includes(':') ? 32 : 8)
        }
        return !v.includes('*') && !v.includes('?')
      })
      if (fixed) return true
    }
  }
  return false
}

function statementsOf(text: string): Array<Record<string, unknown>> {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown }
    const list = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement !== undefined ? [doc.Statement] : []
    return list.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !Array.isArray(s))
  } catch {
    return []
  }
}

function isPublicStatement(s: Record<string, unknown>): boolean {
  if (s.Effect !== 'Allow') return false
  const open = Object.hasOwn(s, 'NotPrincipal') || isWildcardPrincipal(s.Principal)
  return open && !isFixed(s.Condition)
}

/** Is a bucket policy "public" in S3's sense (an Allow to everyone not pinned by a fixing condition)? */
export function isPublicPolicy(text: string): boolean {
  return statementsOf(text).some(isPublicStatement)
}

/**
 * The bucket policy as RestrictPublicBuckets leaves it for an anonymous or cross-account caller:
 * when the policy is public, none of its Allow statements apply to them ("public and
 * cross-account access within any public bucket policy, including non-public delegation to
 * specific accounts, is blocked"); its Deny statements still do.
 */
export function effectiveBucketPolicy(bucket: BucketEntity, callerAccount: string | undefined): string | undefined {
  const policy = bucket.policy
  if (policy === undefined || !bucket.publicAccessBlock?.RestrictPublicBuckets) return policy
  if (callerAccount === bucket.accountId || !isPublicPolicy(policy)) return policy
  const doc = JSON.parse(policy) as Record<string, unknown>
  const denies = statementsOf(policy).filter((s) => s.Effect !== 'Allow')
  return JSON.stringify({ ...doc, Statement: denies })
}

