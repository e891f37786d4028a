/** Action / NotAction matching: case-insensitive, `*` and `?` wildcards anywhere. */
import { STAR, compileGlob, hasWildcard, parseGlob, type Matcher } from './wildcard.js'

/** A compiled list of action patterns. */
export interface ActionSet {
  all: boolean
  exact: Set<string>
  patterns: Matcher[]
  /** Lower-cased service prefixes the list can match; null when a pattern has a wildcard prefix. */
  services: Set<string> | null
  /** As written. */
  source: string[]
}

/** Compiles action patterns (already validated). */
export function compileActions(list: readonly string[]): ActionSet {
  const set: ActionSet = { all: false, exact: new Set(), patterns: [], services: new Set(), source: [...list] }
  for (const raw of list) {
    const a = raw.toLowerCase()
    const parts = parseGlob(a)
    if (parts.length === 1 && parts[0] === STAR) set.all = true
    else if (!hasWildcard(parts)) set.exact.add(a)
    else set.patterns.push(compileGlob(parts, true))
    const svc = a.split(':')[0]
    if (set.services && (svc.includes('*') || svc.includes('?') || !a.includes(':'))) set.services = null
    else set.services?.add(svc)
  }
  return set
}

/** True when a lower-cased `service:action` is in the set. */
export function matchAction(set: ActionSet, actionLower: string): boolean {
  if (set.all || set.exact.has(actionLower)) return true
  for (const m of set.patterns) if (m(actionLower)) return true
  return false
}
