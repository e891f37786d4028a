/** `referencedPrincipals`: the principals a resource or trust policy names. */
import type { PolicyDocument } from './types.js'
import { collectPrincipals } from './principal.js'
import type { PrincipalBlock } from './principal-validate.js'
import { dict } from '../safe-object.js'

const asList = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

function block(v: unknown): PrincipalBlock | undefined {
  if (v === '*') return '*'
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined
  const out = dict<string[]>()
  for (const [k, vals] of Object.entries(v)) out[k] = asList(vals)
  return out
}

/**
 * Lists the `AWS`, `Service` and `Federated` principals named in `Principal`/`NotPrincipal`
 * (deduplicated, `*` left out), so the emulator can reject names that do not exist. Tolerates
 * documents that would not validate (returns what it can read).
 */
export function referencedPrincipals(doc: string | PolicyDocument): { aws: string[]; service: string[]; federated: string[] } {
  let raw: unknown = doc
  if (typeof doc === 'string') {
    try {
      raw = JSON.parse(doc)
    } catch {
      return { aws: [], service: [], federated: [] }
    }
  }
  const st = (raw as { Statement?: unknown } | null)?.Statement
  const list = Array.isArray(st) ? st : st ? [st] : []
  const blocks: PrincipalBlock[] = []
  for (const s of list) {
    if (typeof s !== 'object' || s === null) continue
    for (const k of ['Principal', 'NotPrincipal']) {
      const b = block((s as Record<string, unknown>)[k])
      if (b) blocks.push(b)
    }
  }
  return collectPrincipals(blocks)
}
