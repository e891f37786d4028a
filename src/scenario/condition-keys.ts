import { closestName } from '../actions/suggest.js'
import type { SourceLocation } from '../errors.js'
import { KEY_FAMILIES, KNOWN_KEYS, isKnownConditionKey } from '../actions/condition-keys.js'
import { isPlainObject } from './template.js'

/** A problem worth saying that does not stop the scenario (`iamflow validate` prints it). */
export interface ScenarioWarning {
  code: 'unknown-condition-key'
  message: string
  location?: SourceLocation
}

/** At most this many warnings a document (a generated policy could hold thousands of keys). */
const MAX_WARNINGS = 50

/** Where a policy document sits and how to locate a path inside it. */
export interface DocumentSite {
  doc: unknown
  /** Location of a path relative to the document (of the key itself with `key: true`). */
  locate(path: ReadonlyArray<string | number>, opts?: { key?: boolean }): SourceLocation | undefined
}

/**
 * Condition keys IAM would accept but that are not known global, IAM, STS or S3 keys
 * (`aws:PrincipleTag/team`), with "did you mean" (`aws:PrincipalTag/team`). IAM accepts any
 * `service:key`, and a misspelt key never matches: the statement silently stops applying.
 */
export function conditionKeyWarnings(site: DocumentSite): ScenarioWarning[] {
  const out: ScenarioWarning[] = []
  if (!isPlainObject(site.doc)) return out
  const statements = site.doc.Statement
  const list = Array.isArray(statements) ? statements : [statements]
  for (const [i, st] of list.entries()) {
    if (!isPlainObject(st) || !isPlainObject(st.Condition)) continue
    const stPath = Array.isArray(statements) ? ['Statement', i] : ['Statement']
    for (const [op, block] of Object.entries(st.Condition)) {
      if (!isPlainObject(block)) continue
      for (const key of Object.keys(block)) {
        if (out.length >= MAX_WARNINGS) return out
        if (isKnownConditionKey(key) !== false) continue
        const guess = suggestKey(key)
        const location = site.locate([...stPath, 'Condition', op, key], { key: true })
        out.push({
          code: 'unknown-condition-key',
          message: `condition key ${key} is not a known global, IAM, STS or S3 key${guess ? `: did you mean ${guess}?` : ''} (IAM accepts it, but it never matches)`,
          ...(location ? { location } : {}),
        })
      }
    }
  }
  return out
}

function suggestKey(key: string): string | undefined {
  const slash = key.indexOf('/')
  if (slash > 0) {
    const family = closestName(key.slice(0, slash), KEY_FAMILIES)
    if (family) return `${family}${key.slice(slash)}`
  }
  return closestName(key, KNOWN_KEYS) ?? closestName(key, KEY_FAMILIES)
}
