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

/** A pattern position: a UTF-16 code unit, or {@link ANY_UNIT} for `?`. */
const ANY_UNIT = -1

/**
 * Leftmost search for a fixed-length pattern with `?` positions, by bit-parallel Shift-And
 * (Baeza-Yates & Gonnet): one machine word tracks 32 pattern positions, so a scan of `n`
 * characters costs O(n * ceil(len / 32)) word operations, with no backtracking whatever the
 * pattern (`a?a?a?...` included).
 */
class ShiftAnd {
  readonly len: number
  private readonly words: number
  /** Row of each ASCII character (0: not in the pattern: only `?` positions accept it). */
  private readonly asciiRows = new Int32Array(128)
  /** Row of each other character code that occurs in the pattern. */
  private readonly otherRows = new Map<number, number>()
  /**
   * Row r, word w at `table[r * words + w]`: the pattern positions (bits) the row's character
   * may occupy. Int32 words: a Uint32 word with bit 31 set would leave V8's integer fast path.
   */
  private readonly table: Int32Array

  constructor(units: readonly number[]) {
    this.len = units.length
    const words = (this.words = (units.length + 31) >>> 5)
    let rowCount = 1
    for (const u of units) {
      if (u === ANY_UNIT || this.rowOf(u) !== 0) continue
      if (u < 128) this.asciiRows[u] = rowCount++
      else this.otherRows.set(u, rowCount++)
    }
    const table = (this.table = new Int32Array(rowCount * words))
    units.forEach((u, j) => {
      const bit = 1 << (j & 31)
      const w = j >>> 5
      if (u === ANY_UNIT) for (let r = 0; r < rowCount; r++) table[r * words + w]! |= bit
      else table[this.rowOf(u) * words + w]! |= bit
    })
  }

  private rowOf(code: number): number {
    return code < 128 ? this.asciiRows[code]! : (this.otherRows.get(code) ?? 0)
  }

  /** Leftmost `p` in `[from, to - len]` where the pattern matches `value` at `p`; -1 if none. */
  find(value: string, from: number, to: number): number {
    const { len, words, table } = this
    if (to - from < len) return -1
    const lastWord = (len - 1) >>> 5
    const lastBit = 1 << ((len - 1) & 31)
    if (words === 1) {
      let d = 0
      for (let i = from; i < to; i++) {
        d = ((d << 1) | 1) & table[this.rowOf(value.charCodeAt(i))]!
        if (d & lastBit) return i - len + 1
      }
      return -1
    }
    const d = new Int32Array(words)
    for (let i = from; i < to; i++) {
      const base = this.rowOf(value.charCodeAt(i)) * words
      let carry = 1
      for (let w = 0; w < words; w++) {
        const old = d[w]!
        d[w] = (old << 1) | carry
        d[w]! &= table[base + w]!
        carry = old >>> 31
      }
      if (d[lastWord]! & lastBit) return i - len + 1
    }
    return -1
  }
}

/** Variables resolved to text, or undefined when one has no value (the match then fails). */
type Resolve = (tok: unknown) => string | undefined

/** Token `i` as literal text (a string, or a variable resolved by `resolve`). */
function textOf(tok: unknown, resolve: Resolve | undefined): string | undefined {
  return typeof tok === 'string' ? tok : resolve ? resolve(tok) : undefined
}

/**
 * Compares tokens `[a, b)` (no `*`) with `value` from `at`; the end position, or -1. A `?`
 * takes one code unit.
 */
function matchAt(parts: readonly unknown[], a: number, b: number, value: string, at: number, resolve: Resolve | undefined): number {
  let pos = at
  for (let i = a; i < b; i++) {
    const tok = parts[i]
    if (tok === QMARK) {
      if (pos >= value.length) return -1
      pos++
      continue
    }
    const lit = textOf(tok, resolve)
    if (lit === undefined || !value.startsWith(lit, pos)) return -1
    pos += lit.length
  }
  return pos
}

/** Length of tokens `[a, b)` (no `*`); -1 when a variable has no value. */
function lengthOf(parts: readonly unknown[], a: number, b: number, resolve: Resolve | undefined): number {
  let n = 0
  for (let i = a; i < b; i++) {
    const tok = parts[i]
    if (tok === QMARK) n++
    else {
      const lit = textOf(tok, resolve)
      if (lit === undefined) return -1
      n += lit.length
    }
  }
  return n
}

/** The code units of tokens `[a, b)`, `?` as {@link ANY_UNIT}; undefined when a variable has no value. */
function unitsOf(parts: readonly unknown[], a: number, b: number, resolve: Resolve | undefined): number[] | undefined {
  const units: number[] = []
  for (let i = a; i < b; i++) {
    const tok = parts[i]
    if (tok === QMARK) units.push(ANY_UNIT)
    else {
      const lit = textOf(tok, resolve)
      if (lit === undefined) return undefined
      for (let k = 0; k < lit.length; k++) units.push(lit.charCodeAt(k))
    }
  }
  return units
}

/**
 * Leftmost placement of the `*`-free segment `[a, b)` inside `value[from, to)`: its start, or
 * -1. Literal segments use `indexOf`; segments with `?` use {@link ShiftAnd}.
 */
function findSegment(parts: readonly unknown[], a: number, b: number, value: string, from: number, to: number, resolve: Resolve | undefined): number {
  let hasAny = false
  for (let i = a; i < b; i++) if (parts[i] === QMARK) hasAny = true
  if (!hasAny) {
    let text = textOf(parts[a], resolve)
    for (let i = a + 1; i < b && text !== undefined; i++) {
      const more = textOf(parts[i], resolve)
      text = more === undefined ? undefined : text + more
    }
    if (text === undefined) return -1
    const at = value.indexOf(text, from)
    return at >= 0 && at + text.length <= to ? at : -1
  }
  const units = unitsOf(parts, a, b, resolve)
  if (!units) return -1
  if (units.every((u) => u === ANY_UNIT)) return to - from >= units.length ? from : -1 // only `?`s: any position will do
  return new ShiftAnd(units).find(value, from, to)
}

/**
 * Matches `value` against a token list. The `*`s cut the pattern into fixed-length segments:
 * the first is anchored at the start, the last at the end, and each one between is placed at its
 * leftmost occurrence after the previous one (leftmost is always safe: it leaves the most room
 * for the rest). Literal segments are found with `indexOf`, segments with `?` with a
 * bit-parallel scan, so the cost is O(n + m) for `*`/literal patterns and O(n * m / 32) at worst
 * (`*a?a?a?...`), with no backtracking and no regular expressions.
 *
 * Tokens that are neither text nor wildcards (policy variables) are turned into literal text
 * by `literal` as the scan reaches them; `undefined` (no value, no default) fails the match.
 */
export function globMatch<P extends object = never>(parts: readonly (GlobPart | P)[], value: string, literal?: (part: P) => string | undefined): boolean {
  return matchTokens(parts, value, literal as Resolve | undefined)
}

function matchTokens(parts: readonly unknown[], value: string, resolve: Resolve | undefined): boolean {
  const n = parts.length
  let first = -1
  let last = -1
  for (let i = 0; i < n; i++) {
    if (parts[i] === STAR) {
      if (first < 0) first = i
      last = i
    }
  }
  if (first < 0) return matchAt(parts, 0, n, value, 0, resolve) === value.length
  const pos0 = matchAt(parts, 0, first, value, 0, resolve)
  if (pos0 < 0) return false
  const tailLen = lengthOf(parts, last + 1, n, resolve)
  if (tailLen < 0) return false
  const end = value.length - tailLen
  if (end < pos0 || matchAt(parts, last + 1, n, value, end, resolve) !== value.length) return false
  let pos = pos0
  let a = first + 1
  for (let i = first + 1; i <= last; i++) {
    if (parts[i] !== STAR) continue
    if (i > a) {
      const at = findSegment(parts, a, i, value, pos, end, resolve)
      if (at < 0) return false
      pos = matchAt(parts, a, i, value, at, resolve)
    }
    a = i + 1
  }
  return true
}

/** A `*`-free piece of a static pattern, ready to test or search. */
interface Segment {
  len: number
  /** The text, when the piece has no `?`. */
  text?: string
  /** Code units (`?` = ANY_UNIT), when it has. */
  units?: Int32Array
  /** Searcher, when it has `?` and some literal character. */
  searcher?: ShiftAnd
}

/** A static pattern cut at its `*`s: anchored head, floating middle pieces, anchored tail. */
interface Plan {
  /** No `*`: the whole pattern. */
  exact?: Segment
  head: Segment
  middle: Segment[]
  tail: Segment
  /** No value shorter than this can match. */
  minLength: number
}

function segmentOf(parts: readonly GlobPart[]): Segment {
  const units = unitsOf(parts, 0, parts.length, undefined)!
  if (!units.includes(ANY_UNIT)) return { len: units.length, text: (parts as string[]).join('') }
  const seg: Segment = { len: units.length, units: Int32Array.from(units) }
  if (units.some((u) => u !== ANY_UNIT)) seg.searcher = new ShiftAnd(units)
  return seg
}

function planOf(parts: readonly GlobPart[]): Plan {
  const pieces: GlobPart[][] = [[]]
  for (const p of parts) {
    if (p === STAR) pieces.push([])
    else pieces[pieces.length - 1]!.push(p)
  }
  const segs = pieces.map(segmentOf)
  const minLength = segs.reduce((n, s) => n + s.len, 0)
  if (segs.length === 1) return { exact: segs[0]!, head: segs[0]!, middle: [], tail: segs[0]!, minLength }
  return { head: segs[0]!, middle: segs.slice(1, -1).filter((s) => s.len > 0), tail: segs[segs.length - 1]!, minLength }
}

function segmentAt(seg: Segment, value: string, at: number): boolean {
  if (seg.text !== undefined) return value.startsWith(seg.text, at)
  const units = seg.units!
  if (at + units.length > value.length) return false
  for (let k = 0; k < units.length; k++) if (units[k] !== ANY_UNIT && value.charCodeAt(at + k) !== units[k]) return false
  return true
}

function segmentFind(seg: Segment, value: string, from: number, to: number): number {
  if (seg.text !== undefined) {
    const at = value.indexOf(seg.text, from)
    return at >= 0 && at + seg.len <= to ? at : -1
  }
  if (!seg.searcher) return to - from >= seg.len ? from : -1
  return seg.searcher.find(value, from, to)
}

/** {@link globMatch} for a static pattern, with its pieces prepared once by {@link planOf}. */
function runPlan(plan: Plan, value: string): boolean {
  if (value.length < plan.minLength) return false
  if (plan.exact) return value.length === plan.exact.len && segmentAt(plan.exact, value, 0)
  const end = value.length - plan.tail.len
  if (!segmentAt(plan.head, value, 0) || !segmentAt(plan.tail, value, end)) return false
  let pos = plan.head.len
  for (const seg of plan.middle) {
    const at = segmentFind(seg, value, pos, end)
    if (at < 0) return false
    pos = at + seg.len
  }
  return true
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
  const plan = planOf(parts)
  return (v) => runPlan(plan, v)
}
