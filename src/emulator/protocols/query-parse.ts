/**
 * AWS Query protocol input: form-encoded parameters -> a structured input object.
 *
 * - `Name=value` -> `{ Name: 'value' }` (every scalar stays a string; handlers convert)
 * - `Name.member.N=...` -> `{ Name: [...] }` ordered by N (1-based)
 * - `Name.entry.N.key=k&Name.entry.N.value=v` -> `{ Name: { k: v } }`
 * - `Parent.Child=value` -> `{ Parent: { Child: 'value' } }`
 * - An empty list is sent by the SDKs as `Name=` and arrives as `''` (use `asList`).
 */

/** Parameters of an `application/x-www-form-urlencoded` body or query string, in order. */
export function parseForm(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  if (!text) return out
  for (const part of text.split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    const rawName = eq < 0 ? part : part.slice(0, eq)
    const rawValue = eq < 0 ? '' : part.slice(eq + 1)
    out.push([decodeFormComponent(rawName), decodeFormComponent(rawValue)])
  }
  return out
}

function decodeFormComponent(s: string): string {
  const plus = s.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(plus)
  } catch {
    return plus
  }
}

interface Node {
  [key: string]: Node | string
}

const INDEX = /^[1-9][0-9]*$/

/** Turn flat Query parameters into a structured input object (see module doc). */
export function structureParams(params: Iterable<[string, string]>): Record<string, unknown> {
  const root: Node = {}
  for (const [name, value] of params) {
    const path = name.split('.')
    let node: Node = root
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!
      if (i === path.length - 1) {
        if (typeof node[seg] !== 'object') node[seg] = value
        break
      }
      const next = node[seg]
      if (typeof next !== 'object') node[seg] = {}
      node = node[seg] as Node
    }
  }
  return finish(root) as Record<string, unknown>
}

function finish(node: Node | string): unknown {
  if (typeof node === 'string') return node
  const keys = Object.keys(node)
  if (keys.length === 1 && keys[0] === 'member' && typeof node.member === 'object') {
    return indexed(node.member).map(finish)
  }
  if (keys.length === 1 && keys[0] === 'entry' && typeof node.entry === 'object') {
    const map: Record<string, unknown> = {}
    for (const entry of indexed(node.entry)) {
      if (typeof entry !== 'object') continue
      const k = entry.key
      if (typeof k === 'string') map[k] = finish(entry.value ?? '')
    }
    return map
  }
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = finish(node[k]!)
  return out
}

function indexed(node: Node | string): Array<Node | string> {
  if (typeof node === 'string') return []
  return Object.keys(node)
    .filter((k) => INDEX.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k]!)
}

/** A list member of a Query input: `undefined`/`''` -> `[]`, array -> itself. */
export function asList<T = unknown>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[]
  return []
}
