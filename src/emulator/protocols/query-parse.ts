/**
 * AWS Query protocol input: form-encoded parameters -> a structured input object.
 *
 * - `Name=value` -> `{ Name: 'value' }` (every scalar stays a string; handlers convert)
 * - `Name.member.N=...` -> `{ Name: [...] }` ordered by N (1-based)
 * - `Name.entry.N.key=k&Name.entry.N.value=v` -> `{ Name: { k: v } }`
 * - `Parent.Child=value` -> `{ Parent: { Child: 'value' } }`
 * - An empty list is sent by the SDKs as `Name=` and arrives as `''` (use `asList`).
 *
 * The objects it builds inherit nothing (see `safe-object.ts`): read them with own-property
 * access, and never assume `toString` or `hasOwnProperty` on them.
 */
import { dict, isForbiddenKey, ownGet } from '../../safe-object.js'
import { AwsServiceError } from '../services/types.js'

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

const ENCODED = /[%+]/

function decodeFormComponent(s: string): string {
  // Most names and values are sent as they are: nothing to decode.
  if (!ENCODED.test(s)) return s
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

/**
 * AWS's answer for a parameter name it cannot read (the Query services' common error
 * `InvalidQueryParameter`, 400: "The AWS query string is malformed or does not adhere to AWS
 * standards."). Used for names with a `__proto__`, `constructor` or `prototype` segment: no AWS
 * API has such a member, and as object keys they would reach a prototype.
 */
export function malformedParameter(): AwsServiceError {
  return new AwsServiceError('InvalidQueryParameter', 400, 'The AWS query string is malformed or does not adhere to AWS standards.')
}

/**
 * Turn flat Query parameters into a structured input object (see module doc). Every object it
 * builds has no prototype, and a name with a forbidden segment is refused (see
 * {@link malformedParameter}), so no parameter name can reach `Object.prototype`.
 */
export function structureParams(params: Iterable<readonly [string, string]>): Record<string, unknown> {
  const root = dict<Node | string>() as Node
  for (const [name, value] of params) {
    const path = name.split('.')
    for (const seg of path) if (isForbiddenKey(seg)) throw malformedParameter()
    let node: Node = root
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!
      const next = ownGet(node, seg)
      if (i === path.length - 1) {
        if (typeof next !== 'object') node[seg] = value
        break
      }
      if (typeof next !== 'object') node[seg] = dict<Node | string>() as Node
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
    // Map keys are values, not names: any text is a key of this prototype-free record.
    const map = dict<unknown>()
    for (const entry of indexed(node.entry)) {
      if (typeof entry !== 'object') continue
      const k = ownGet(entry, 'key')
      if (typeof k === 'string') map[k] = finish(ownGet(entry, 'value') ?? '')
    }
    return map
  }
  const out = dict<unknown>()
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
