import type { Tag } from '@aws-sdk/client-iam'
import type { UndoSpec } from '../define-action.js'
import { undoCall } from '../outcome.js'

/**
 * Tag actions overwrite a key's value silently, so their undo must put the old value back, not
 * remove the key. `withPriorTags` reads the resource's tags (as the acting identity, best
 * effort) before the call and keeps them on the output under a symbol, out of captures and
 * reports; `tagUndo` turns them into the reversing calls.
 */
const PRIOR_TAGS = Symbol('iamflow.priorTags')

/** IAM allows 50 tags a resource; one List*Tags page (MaxItems 100) holds them all. */
const MAX_TAGS_READ = 100

/**
 * Run `call` after reading the current tags with `read`. When the read fails (the identity may
 * not list tags) the undo falls back to removing the keys the step set.
 */
export async function withPriorTags<O extends object>(read: () => Promise<Tag[] | undefined>, call: () => Promise<O>): Promise<O> {
  let prior: Tag[] | undefined
  try {
    prior = (await read())?.slice(0, MAX_TAGS_READ)
  } catch {
    prior = undefined
  }
  const output = await call()
  if (prior !== undefined) Object.defineProperty(output, PRIOR_TAGS, { value: prior, enumerable: false })
  return output
}

/** The tags a resource had before the step, when they were read. */
export function priorTags(output: unknown): Tag[] | undefined {
  if (output === null || typeof output !== 'object') return undefined
  const value: unknown = Object.getOwnPropertyDescriptor(output, PRIOR_TAGS)?.value
  return Array.isArray(value) ? (value as Tag[]) : undefined
}

/**
 * The undo of a tag call on the resource `target` (`{ RoleName }`): remove the keys that were
 * new, and tag the overwritten keys with their old values (IAM tag keys compare
 * case-insensitively). Without the prior tags: remove every key the step set.
 */
export function tagUndo(actions: { untag: string; tag: string }, target: Record<string, unknown>, tags: readonly Tag[] | undefined, output: unknown): UndoSpec | UndoSpec[] | undefined {
  const prior = priorTags(output)
  const old = new Map<string, Tag>()
  for (const t of prior ?? []) if (typeof t.Key === 'string') old.set(t.Key.toLowerCase(), t)
  const removeKeys: string[] = []
  const restore: Tag[] = []
  for (const t of tags ?? []) {
    if (typeof t.Key !== 'string') continue
    const before = old.get(t.Key.toLowerCase())
    if (!before) removeKeys.push(t.Key)
    else if (before.Value !== t.Value || before.Key !== t.Key) restore.push({ Key: before.Key, Value: before.Value ?? '' })
  }
  const specs: UndoSpec[] = []
  if (removeKeys.length > 0) specs.push(undoCall(actions.untag, { ...target, TagKeys: removeKeys }))
  if (restore.length > 0) specs.push(undoCall(actions.tag, { ...target, Tags: restore }))
  return specs.length === 0 ? undefined : specs.length === 1 ? specs[0] : specs
}
