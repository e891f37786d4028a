/**
 * Glob matching as IAM does it: `*` matches any run of characters (including none), `?` exactly
 * one character. Patterns are token lists so that literal `*`/`?` produced by the policy variables
 * `${*}` and `${?}` (or substituted from the request) never act as wildcards.
 */

/** Token for `*`. */
export const STAR = 0
/** Token for `?`. */
export const QMARK = 1
/** One token of a glob: literal text, `*` or `?`. */
export type GlobPart = string | typeof STAR | typeof QMARK

/** A compiled string test. */
export type Matcher = (value: string) => boolean

/** Splits `text` into literal runs and wildcard tokens (`*`, `?`). Adjacent `*` collapse. */
export function parseGlob(text: string): GlobPart[] {
  const parts: GlobPart[] = []
  let lit = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '*' || c === '?') {
      if (lit) parts.push(lit)
      lit = ''
      if (c === '*') {
        if (parts[parts.length - 1] !== STAR) parts.push(STAR)
      } else parts.push(QMARK)
    } else lit += c
  }
  if (lit) parts.push(lit)
  return parts
}

/** Appends `part` to `parts`, merging literals and collapsing `**`. */
export function pushPart(parts: GlobPart[], part: GlobPart): void {
  const last = parts[parts.length - 1]
  if (typeof part === 'string') {
    if (part === '') return
    if (typeof last === 'string') parts[parts.length - 1] = last + part
    else parts.push(part)
  } else if (!(part === STAR && last === STAR)) parts.push(part)
}

/**
 * Matches `value` against a token list. Greedy scan with backtracking to the most recent `*`:
 * O(n·m) worst case, no regular expressions (so no catastrophic backtracking).
 *
 * Tokens that are neither text nor wildcards (policy variables) are turned into literal text
 * by `literal` as the scan reaches them; `undefined` (no value, no default) fails the match.
 */
export function globMatch<P extends object = never>(parts: readonly (GlobPart | P)[], value: string, literal?: (part: P) => string | undefined): boolean {
  let ti = 0
  let si = 0
  let starTi = -1
  let starSi = 0
  const n = parts.length
  for (;;) {
    if (ti < n) {
      const tok = parts[ti]
      if (tok === STAR) {
        starTi = ti
        starSi = si
        ti++
        continue
      }
      if (tok === QMARK) {
        if (si < value.length) {
          ti++
          si++
          continue
        }
      } else {
        const lit = typeof tok === 'string' ? tok : literal!(tok as P)
        if (lit === undefined) return false
        if (value.startsWith(lit, si)) {
          ti++
          si += lit.length
          continue
        }
      }
    } else if (si === value.length) return true
    if (starTi < 0) return false
    starSi++
    if (starSi > value.length) return false
    ti = starTi + 1
    si = starSi
  }
}

/** True when the token list has any wildcard. */
export function hasWildcard(parts: readonly GlobPart[]): boolean {
  for (const p of parts) if (typeof p !== 'string') return true
  return false
}

/** The literal text of a wildcard-free token list. */
export function literalOf(parts: readonly GlobPart[]): string {
  let s = ''
  for (const p of parts) s += typeof p === 'string' ? p : p === STAR ? '*' : '?'
  return s
}

/**
 * Builds a fast matcher for a token list: equality, prefix, suffix and infix shapes get
 * dedicated closures; anything else falls back to {@link globMatch}.
 * With `ignoreCase`, pattern literals are lower-cased here and the caller must pass
 * lower-cased values.
 */
export function compileGlob(input: readonly GlobPart[], ignoreCase = false): Matcher {
  const parts = ignoreCase ? input.map((p) => (typeof p === 'string' ? p.toLowerCase() : p)) : input.slice()
  if (parts.length === 0) return (v) => v === ''
  if (!hasWildcard(parts)) {
    const lit = (parts as string[]).join('')
    return (v) => v === lit
  }
  if (parts.length === 1 && parts[0] === STAR) return () => true
  if (parts.length === 2 && parts[1] === STAR && typeof parts[0] === 'string') {
    const pre = parts[0]
    return (v) => v.startsWith(pre)
  }
  if (parts.length === 2 && parts[0] === STAR && typeof parts[1] === 'string') {
    const suf = parts[1]
    return (v) => v.endsWith(suf)
  }
  if (parts.length === 3 && parts[0] === STAR && parts[2] === STAR && typeof parts[1] === 'string') {
    const mid = parts[1]
    return (v) => v.includes(mid)
  }
  return (v) => globMatch(parts, v)
}
