import type { Tag } from '../../state/model.js'
import type { ContextValue } from '../../../policy/types.js'
import { iamErrors } from './errors.js'
import { dict } from '../../../safe-object.js'

/** Tags on IAM users, roles and policies: keys are unique case-insensitively, at most 50. */

export const MAX_TAGS = 50

interface TagInput {
  Key: string
  Value?: string
}

/** The tags of a request, checked for case-insensitive duplicates and reserved `aws:` keys. */
export function requestTags(input: TagInput[] | undefined): Tag[] {
  const tags = (input ?? []).map((t) => ({ Key: t.Key, Value: t.Value ?? '' }))
  const seen = new Set<string>()
  for (const tag of tags) {
    const k = tag.Key.toLowerCase()
    if (seen.has(k)) throw iamErrors.invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.')
    seen.add(k)
    // Reserved prefix (IAM User Guide "Tagging IAM resources"; exact wording unconfirmed).
    if (k.startsWith('aws:')) throw iamErrors.invalidInput('User-defined tag keys can\'t start with "aws:".')
  }
  return tags
}

/** Merge `added` into `existing` (a key that exists case-insensitively gets the new value). */
export function mergeTags(existing: Tag[], added: Tag[], quotaName: string): Tag[] {
  const merged = existing.map((t) => ({ ...t }))
  for (const tag of added) {
    const at = merged.findIndex((t) => t.Key.toLowerCase() === tag.Key.toLowerCase())
    if (at >= 0) merged[at] = { Key: tag.Key, Value: tag.Value }
    else merged.push({ ...tag })
  }
  // Quota name and wording follow IAM's "Cannot exceed quota" family (unconfirmed for tags).
  if (merged.length > MAX_TAGS) throw iamErrors.quota(quotaName, MAX_TAGS)
  return merged
}

/** Remove the given keys (case-insensitively); unknown keys are ignored, as on AWS. */
export function removeTags(existing: Tag[], keys: string[]): Tag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()))
  return existing.filter((t) => !drop.has(t.Key.toLowerCase()))
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
