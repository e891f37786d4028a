import type { ContextValue } from '../../../../policy/types.js'
import { iamErrors } from '../errors.js'
import { dict } from '../../../../safe-object.js'

/** `ContextEntries` of the simulation APIs -> the engine's condition context. */

export interface ContextEntry {
  ContextKeyName?: string
  ContextKeyValues?: string[]
  ContextKeyType?: string
}

function scalar(type: string, raw: string): string | number | boolean {
  if (type.startsWith('numeric')) {
    const n = Number(raw)
    if (!Number.isFinite(n)) throw iamErrors.invalidInput(`Invalid value ${raw} for context key of type ${type}.`)
    return n
  }
  if (type.startsWith('boolean')) {
    const lower = raw.toLowerCase()
    if (lower !== 'true' && lower !== 'false') throw iamErrors.invalidInput(`Invalid value ${raw} for context key of type ${type}.`)
    return lower === 'true'
  }
  return raw
}

/** Build the context map; single-valued types take the first value, `*List` types the list. */
export function contextFromEntries(entries: ContextEntry[] | undefined): Record<string, ContextValue> {
  // Key names are the caller's (any text): a prototype-free record keeps each as its own key.
  const out = dict<ContextValue>()
  for (const e of entries ?? []) {
    if (!e.ContextKeyName) continue
    const type = e.ContextKeyType ?? 'string'
    const values = (e.ContextKeyValues ?? []).map((v) => scalar(type, v))
    if (type.endsWith('List')) out[e.ContextKeyName] = values
    else if (values.length > 0) out[e.ContextKeyName] = values[0]!
  }
  return out
}
