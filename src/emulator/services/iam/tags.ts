import type { Tag } from '../../state/model.js'
import type { ContextValue } from '../../../policy/types.js'
import { iamErrors } from './errors.js'
import { dict } from '../../../safe-object.js'

/**
 * Tags on IAM users, roles and managed policies, at most 50. Role and user tag keys are unique
 * case-insensitively; managed-policy tag keys are case-sensitive (`a` and `A` are two tags,
 * UntagPolicy `a` leaves `A`). Recorded 2026: LocalStack test_iam_roles (cdb3432)
 * test_role_tag_errors / test_role_tag_operations and test_iam_policies (b15ee85)
 * test_policy_tag_create_errors / test_policy_tag_lifecycle.
 */

export const MAX_TAGS = 50

/** Which tag rules apply: users and roles fold case, managed policies do not. */
export type TagOwner = 'entity' | 'policy'

interface TagInput {
  Key: string
  Value?: string
}

const same = (owner: TagOwner) => (a: string, b: string) => (owner === 'policy' ? a === b : a.toLowerCase() === b.toLowerCase())

/** The tags of a request, checked for duplicate keys and reserved `aws:` keys. */
export function requestTags(input: TagInput[] | undefined, owner: TagOwner = 'entity'): Tag[] {
  const tags = (input ?? []).map((t) => ({ Key: t.Key, Value: t.Value ?? '' }))
  const seen = new Set<string>()
  for (const tag of tags) {
    const k = owner === 'policy' ? tag.Key : tag.Key.toLowerCase()
    if (seen.has(k)) {
      throw iamErrors.invalidInput(owner === 'policy' ? 'Duplicate tag keys found.' : 'Duplicate tag keys found. Please note that Tag keys are case insensitive.')
    }
    seen.add(k)
    // Reserved prefix (IAM User Guide "Tagging IAM resources"; exact wording unconfirmed).
    if (k.toLowerCase().startsWith('aws:')) throw iamErrors.invalidInput('User-defined tag keys can\'t start with "aws:".')
  }
  return tags
}

/** Merge `added` into `existing` (a key that exists, per the owner's case rule, gets the new key and value). */
export function mergeTags(existing: Tag[], added: Tag[], quotaName: string, owner: TagOwner = 'entity'): Tag[] {
  const eq = same(owner)
  const merged = existing.map((t) => ({ ...t }))
  for (const tag of added) {
    const at = merged.findIndex((t) => eq(t.Key, tag.Key))
    if (at >= 0) merged[at] = { Key: tag.Key, Value: tag.Value }
    else merged.push({ ...tag })
  }
  // Quota name and wording follow IAM's "Cannot exceed quota" family (unconfirmed for tags).
  if (merged.length > MAX_TAGS) throw iamErrors.quota(quotaName, MAX_TAGS)
  return merged
}

/** Remove the given keys (per the owner's case rule); unknown keys are ignored, as on AWS. */
export function removeTags(existing: Tag[], keys: string[], owner: TagOwner = 'entity'): Tag[] {
  const eq = same(owner)
  return existing.filter((t) => !keys.some((k) => eq(t.Key, k)))
}

/** `aws:RequestTag/<k>` and `aws:TagKeys` for a request that sets tags. */
export function requestTagContext(tags: Tag[]): Record<string, ContextValue> {
  const ctx = dict<ContextValue>()
  if (tags.length === 0) return ctx
  ctx['aws:TagKeys'] = tags.map((t) => t.Key)
  for (const t of tags) ctx[`aws:RequestTag/${t.Key}`] = t.Value
  return ctx
}

/** `aws:ResourceTag/<k>` (and IAM's `iam:ResourceTag/<k>`) for the target's existing tags. */
export function resourceTagContext(tags: Tag[] | undefined): Record<string, ContextValue> {
  const ctx = dict<ContextValue>()
  for (const t of tags ?? []) {
    ctx[`aws:ResourceTag/${t.Key}`] = t.Value
    ctx[`iam:ResourceTag/${t.Key}`] = t.Value
  }
  return ctx
}
