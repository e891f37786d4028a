import type { JsonSchema } from '../actions/define-action.js'
import { ownGet } from '../safe-object.js'

/**
 * Output paths, used by `capture:` and `expect.output`: dotted member names with list indexes,
 * `User.Arn`, `Buckets[0].Name` (or `Buckets.0.Name`), and `Buckets[*].Name` for every element.
 */

/** One step of a path: a member name, a list index, or `*` (every element). */
export type PathSegment = string | number | '*'

/** Regular expression (as text) of a valid output path, for the schema. */
export const OUTPUT_PATH_PATTERN = '^[A-Za-z0-9_$-]+(\\[([0-9]+|\\*)\\])*(\\.[A-Za-z0-9_$-]+(\\[([0-9]+|\\*)\\])*)*$'
const OUTPUT_PATH_RE = new RegExp(OUTPUT_PATH_PATTERN)

/** Splits a path into segments; undefined when it is not a valid path. */
export function parseOutputPath(path: string): PathSegment[] | undefined {
  if (!OUTPUT_PATH_RE.test(path)) return undefined
  const segments: PathSegment[] = []
  for (const part of path.split('.')) {
    const m = /^([^[]+)((\[([0-9]+|\*)\])*)$/.exec(part)
    if (!m) return undefined
    segments.push(/^(0|[1-9][0-9]*)$/.test(m[1]) ? Number(m[1]) : m[1])
    for (const idx of m[2].matchAll(/\[([0-9]+|\*)\]/g)) segments.push(idx[1] === '*' ? '*' : Number(idx[1]))
  }
  return segments
}

/**
 * Reads a path from an action's output. `*` maps over a list (and flattens nested `*`), so
 * `Buckets[*].Name` is the list of names. Missing members give `undefined`.
 */
export function readOutputPath(value: unknown, path: string | readonly PathSegment[]): unknown {
  const segments = typeof path === 'string' ? parseOutputPath(path) : path
  if (!segments) return undefined
  return read(value, segments, 0)
}

function read(value: unknown, segments: readonly PathSegment[], i: number): unknown {
  if (i === segments.length) return value
  if (value === null || value === undefined) return undefined
  const segment = segments[i]
  if (segment === '*') {
    if (!Array.isArray(value)) return undefined
    const out: unknown[] = []
    for (const item of value) {
      const got = read(item, segments, i + 1)
      if (segments.slice(i + 1).includes('*') && Array.isArray(got)) out.push(...got)
      else if (got !== undefined) out.push(got)
    }
    return out
  }
  if (typeof segment === 'number') {
    if (Array.isArray(value)) return read(value[segment], segments, i + 1)
    if (typeof value === 'object') return read(ownGet(value as Record<string, unknown>, String(segment)), segments, i + 1)
    return undefined
  }
  if (typeof value !== 'object') return undefined
  return read(ownGet(value as Record<string, unknown>, segment), segments, i + 1)
}

/**
 * Checks that a path can exist in an output described by `schema`. Returns undefined when it
 * can (or when the schema does not say), otherwise the offending prefix and the members that
 * do exist there.
 */
export function checkOutputPath(schema: JsonSchema | undefined, segments: readonly PathSegment[]): { at: string; known: string[] } | undefined {
  let node: JsonSchema | undefined = schema
  const walked: string[] = []
  for (const segment of segments) {
    if (!node) return undefined
    node = flatten(node)
    if (!node) return undefined
    if (segment === '*' || typeof segment === 'number') {
      const items = node.items
      if (node.type === 'array' && items && typeof items === 'object') node = items as JsonSchema
      else if (node.type === 'object' || (node.type !== undefined && node.type !== 'array')) return { at: joinPath(walked, segment), known: [] }
      else return undefined
      walked.push(segment === '*' ? '[*]' : `[${segment}]`)
      continue
    }
    const props = node.properties as Record<string, JsonSchema> | undefined
    if (props && Object.prototype.hasOwnProperty.call(props, segment)) {
      node = props[segment]
    } else if (props && node.additionalProperties === false) {
      return { at: joinPath(walked, segment), known: Object.keys(props) }
    } else if (node.type !== undefined && node.type !== 'object') {
      return { at: joinPath(walked, segment), known: [] }
    } else if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      node = node.additionalProperties as JsonSchema
    } else {
      return undefined
    }
    walked.push(walked.length === 0 ? segment : `.${segment}`)
  }
  return undefined
}

/** An anyOf/oneOf node is only followed when all branches but one are leaves. */
function flatten(node: JsonSchema): JsonSchema | undefined {
  const alts = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined
  if (!Array.isArray(alts)) return node
  const containers = alts.filter((a) => a.type === 'object' || a.type === 'array' || a.properties !== undefined)
  return containers.length === 1 && (containers[0].properties !== undefined || containers[0].items !== undefined) ? containers[0] : undefined
}

function joinPath(walked: string[], segment: PathSegment): string {
  const tail = typeof segment === 'number' ? `[${segment}]` : segment === '*' ? '[*]' : walked.length === 0 ? segment : `.${segment}`
  return walked.join('') + tail
}
