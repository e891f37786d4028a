import type { EmulatorState } from '../../state/model.js'

/**
 * When a user or role is deleted, AWS shows policies that named it with its unique id instead
 * of its ARN (`"AWS": "AIDAJQABLZS4A3QDU576Q"`), so a re-created entity of the same name does
 * not inherit the old grants. This rewrites every stored trust and bucket policy accordingly.
 */

type Json = unknown

function rewriteValue(value: Json, arn: string, id: string): { value: Json; changed: boolean } {
  if (typeof value === 'string') return value === arn ? { value: id, changed: true } : { value, changed: false }
  if (Array.isArray(value)) {
    let changed = false
    const out = value.map((v) => {
      if (v === arn) {
        changed = true
        return id
      }
      return v
    })
    return { value: out, changed }
  }
  return { value, changed: false }
}

/** Rewrite the `AWS` principals equal to `arn` in one document; undefined when nothing changed. */
export function rewriteDocumentPrincipal(text: string, arn: string, id: string): string | undefined {
  if (!text.includes(arn)) return undefined
  let doc: Record<string, Json>
  try {
    doc = JSON.parse(text) as Record<string, Json>
  } catch {
    return undefined
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : []
  let changed = false
  for (const statement of statements as Array<Record<string, Json>>) {
    if (!statement || typeof statement !== 'object') continue
    for (const field of ['Principal', 'NotPrincipal']) {
      const principal = statement[field] as Record<string, Json> | undefined
      if (!principal || typeof principal !== 'object' || !('AWS' in principal)) continue
      const r = rewriteValue(principal.AWS, arn, id)
      if (r.changed) {
        principal.AWS = r.value
        changed = true
      }
    }
  }
  return changed ? JSON.stringify(doc) : undefined
}

/**
 * Apply the rewrite to every role trust policy and bucket policy of every account. An entity
 * found by iterating is stored back with `set` once changed: that is how a `--state` journal
 * learns of the change (state/tracking.ts).
 */
export function rewritePrincipalEverywhere(state: EmulatorState, arn: string, id: string): void {
  for (const account of state.accounts.values()) {
    for (const [key, role] of account.roles) {
      const next = rewriteDocumentPrincipal(role.trustPolicy, arn, id)
      if (next === undefined) continue
      role.trustPolicy = next
      account.roles.set(key, role)
    }
  }
  for (const [name, bucket] of state.buckets) {
    if (!bucket.policy) continue
    const next = rewriteDocumentPrincipal(bucket.policy, arn, id)
    if (next === undefined) continue
    bucket.policy = next
    state.buckets.set(name, bucket)
  }
}
