/**
 * ARN matching for `Resource`/`NotResource` and the `Arn*` condition operators: the six
 * colon-separated parts (`arn:partition:service:region:account:resource`) are compared one by
 * one; wildcards never cross the colons between the first five parts, while the resource part
 * keeps its own colons. Matching is case-sensitive. A pattern with fewer than six parts lets
 * its last part absorb the rest of the value (so `*` matches anything, ARN or not).
 */
import { QMARK, STAR, compileGlob, globMatch, hasWildcard, pushPart, type GlobPart, type Matcher } from './wildcard.js'
import { parseTemplate, hasVariables, templateMatch, type TemplatePart, type VariableLookup } from './variables.js'

/** Splits a glob token list on literal `:` into at most six segments. */
export function splitArnParts(parts: readonly GlobPart[]): GlobPart[][] {
  const segs: GlobPart[][] = [[]]
  for (const p of parts) {
    if (typeof p !== 'string' || segs.length === 6) {
      pushPart(segs[segs.length - 1], p)
      continue
    }
    let rest = p
    let idx = rest.indexOf(':')
    while (idx >= 0 && segs.length < 6) {
      pushPart(segs[segs.length - 1], rest.slice(0, idx))
      segs.push([])
      rest = rest.slice(idx + 1)
      idx = rest.indexOf(':')
    }
    pushPart(segs[segs.length - 1], rest)
  }
  return segs
}

/** Splits a value into `count` pieces on its first `count-1` colons; undefined if it has too few. */
function splitValue(value: string, count: number): string[] | undefined {
  const out: string[] = []
  let start = 0
  for (let i = 0; i < count - 1; i++) {
    const idx = value.indexOf(':', start)
    if (idx < 0) return undefined
    out.push(value.slice(start, idx))
    start = idx + 1
  }
  out.push(value.slice(start))
  return out
}

/** Segment-wise match of resolved tokens against a value. */
export function arnMatch(parts: readonly GlobPart[], value: string): boolean {
  const segs = splitArnParts(parts)
  if (segs.length === 1) return globMatch(segs[0], value)
  const vals = splitValue(value, segs.length)
  if (!vals) return false
  for (let i = 0; i < segs.length; i++) if (!globMatch(segs[i], vals[i])) return false
  return true
}

/** Builds a matcher for already-resolved tokens. */
export function compileArnParts(parts: readonly GlobPart[]): Matcher {
  const segs = splitArnParts(parts)
  if (segs.length === 1) return compileGlob(segs[0])
  // When no wildcard sits before the resource part, the literal colons line up and a
  // whole-string glob is equivalent to the segment-wise comparison (and much faster).
  let headWild = false
  for (let i = 0; i < segs.length - 1; i++) if (hasWildcard(segs[i])) headWild = true
  if (!headWild) {
    const whole: GlobPart[] = []
    segs.forEach((s, i) => {
      if (i > 0) pushPart(whole, ':')
      for (const p of s) pushPart(whole, p)
    })
    return compileGlob(whole)
  }
  const matchers = segs.map((s) => compileGlob(s))
  const n = segs.length
  return (value) => {
    const vals = splitValue(value, n)
    if (!vals) return false
    for (let i = 0; i < n; i++) if (!matchers[i](vals[i])) return false
    return true
  }
}

/** A compiled ARN pattern: static (matcher built once) or with variables (resolved per request). */
export interface ArnPattern {
  /** The text as written in the policy. */
  source: string
  /** True for `*`. */
  any: boolean
  variables: boolean
  /** Static patterns only. */
  matcher?: Matcher
  template?: TemplatePart[]
  /** With variables: the template split into ARN segments; undefined when a whole-string match is equivalent. */
  segments?: TemplatePart[][]
  /**
   * The literal text before the first wildcard or variable: every value the pattern matches
   * starts with it (literal parts compare exactly and case-sensitively, segment by segment).
   */
  prefix: string
}

/** The leading literal text of a token list (up to the first wildcard or variable). */
function literalPrefix(parts: readonly TemplatePart[]): string {
  let out = ''
  for (const p of parts) {
    if (typeof p !== 'string') break
    out += p
  }
  return out
}

/** Splits template tokens on literal `:` into at most six segments (variables are atomic). */
function splitTemplate(parts: readonly TemplatePart[]): TemplatePart[][] {
  const segs: TemplatePart[][] = [[]]
  const push = (p: TemplatePart) => {
    const seg = segs[segs.length - 1]
    const last = seg[seg.length - 1]
    if (typeof p === 'string' && typeof last === 'string') seg[seg.length - 1] = last + p
    else if (p !== '') seg.push(p)
  }
  for (const p of parts) {
    if (typeof p !== 'string' || segs.length === 6) {
      push(p)
      continue
    }
    let rest = p
    let idx = rest.indexOf(':')
    while (idx >= 0 && segs.length < 6) {
      push(rest.slice(0, idx))
      segs.push([])
      rest = rest.slice(idx + 1)
      idx = rest.indexOf(':')
    }
    push(rest)
  }
  return segs
}

/** Compiles a Resource / Arn-condition value. */
export function compileArnPattern(text: string, allowVariables: boolean): ArnPattern {
  const template = parseTemplate(text, { variables: allowVariables, wildcards: true })
  if (!hasVariables(template)) {
    const parts = template as GlobPart[]
    const any = parts.length === 1 && parts[0] === STAR
    return { source: text, any, variables: false, matcher: compileArnParts(parts), prefix: literalPrefix(parts) }
  }
  const segs = splitTemplate(template)
  // Literal head segments line up colon for colon, so the whole template can be matched at once.
  const headLiteral = segs.length > 1 && segs.slice(0, -1).every((s) => s.every((t) => typeof t === 'string'))
  return { source: text, any: false, variables: true, template, segments: headLiteral ? undefined : segs, prefix: literalPrefix(template) }
}

/** Tests a value; variables are resolved with `lookup` (a missing variable matches nothing). */
export function matchArnPattern(p: ArnPattern, value: string, lookup: VariableLookup): boolean {
  if (p.matcher) return p.matcher(value)
  if (!p.segments) return templateMatch(p.template!, value, lookup)
  const segs = p.segments
  if (segs.length === 1) return templateMatch(segs[0], value, lookup)
  const vals = splitValue(value, segs.length)
  if (!vals) return false
  for (let i = 0; i < segs.length; i++) if (!templateMatch(segs[i], vals[i], lookup)) return false
  return true
}

export { QMARK, STAR }
