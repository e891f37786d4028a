import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { QMARK, STAR, compileGlob, globMatch, parseGlob, type GlobPart } from './wildcard.js'

/** Reference: translate to an anchored regular expression (obviously correct, slow). */
function reference(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]')
  return new RegExp(`^${re}$`).test(value)
}

const alphabet = fc.constantFrom('a', 'b', 'c', ':', '/', '*', '?')
const pattern = fc.array(alphabet, { maxLength: 12 }).map((cs) => cs.join(''))
const value = fc.array(fc.constantFrom('a', 'b', 'c', ':', '/'), { maxLength: 14 }).map((cs) => cs.join(''))

describe('wildcard matcher', () => {
  it('globMatch agrees with a regular-expression reference', () => {
    fc.assert(fc.property(pattern, value, (p, v) => globMatch(parseGlob(p), v) === reference(p, v)), { numRuns: 5000 })
  })

  it('compileGlob (fast paths) agrees with the reference', () => {
    fc.assert(fc.property(pattern, value, (p, v) => compileGlob(parseGlob(p))(v) === reference(p, v)), { numRuns: 5000 })
  })

  it('case-insensitive compileGlob agrees with the reference on lower-cased input', () => {
    const mixed = fc.array(fc.constantFrom('a', 'B', 'c', 'D', '*', '?'), { maxLength: 10 }).map((cs) => cs.join(''))
    const val = fc.array(fc.constantFrom('a', 'b', 'C', 'd'), { maxLength: 10 }).map((cs) => cs.join(''))
    fc.assert(fc.property(mixed, val, (p, v) => compileGlob(parseGlob(p), true)(v.toLowerCase()) === reference(p.toLowerCase(), v.toLowerCase())), { numRuns: 3000 })
  })

  it('a literal * token (from ${*}) only matches a literal *', () => {
    const parts: GlobPart[] = ['a', '*', 'b']
    expect(globMatch(parts, 'a*b')).toBe(true)
    expect(globMatch(parts, 'axb')).toBe(false)
    expect(compileGlob(parts)('a*b')).toBe(true)
  })

  it('parses wildcards into tokens and collapses **', () => {
    expect(parseGlob('a**b?c')).toEqual(['a', STAR, 'b', QMARK, 'c'])
    expect(parseGlob('')).toEqual([])
  })

  it('stays linear-ish on adversarial patterns', () => {
    const p = parseGlob('*a*a*a*a*a*a*a*a*b')
    const v = 'a'.repeat(2000)
    const t = performance.now()
    expect(globMatch(p, v)).toBe(false)
    expect(performance.now() - t).toBeLessThan(500)
  })
})

/** Reference by dynamic programming over pattern units (no regular expression, no shortcut). */
type Unit = { star: true } | { any: true } | { ch: string }
function unitsOf(parts: ReadonlyArray<GlobPart | { v: string }>, vars: Record<string, string>): Unit[] | undefined {
  const out: Unit[] = []
  for (const p of parts) {
    if (p === STAR) out.push({ star: true })
    else if (p === QMARK) out.push({ any: true })
    else {
      const text = typeof p === 'string' ? p : Object.hasOwn(vars, p.v) ? vars[p.v] : undefined
      if (text === undefined) return undefined
      for (const ch of text) for (let k = 0; k < ch.length; k++) out.push({ ch: ch[k]! })
    }
  }
  return out
}
function dpMatch(units: Unit[], value: string): boolean {
  let row = new Array<boolean>(value.length + 1).fill(false)
  row[0] = true
  for (const u of units) {
    const next = new Array<boolean>(value.length + 1).fill(false)
    for (let j = 0; j <= value.length; j++) {
      if ('star' in u) next[j] = row[j]! || (j > 0 && next[j - 1]!)
      else if (j > 0 && row[j - 1]) next[j] = 'any' in u || value[j - 1] === u.ch
    }
    row = next
  }
  return row[value.length]!
}

describe('wildcard matcher: long and adversarial patterns against a DP reference', () => {
  const longPattern = fc.array(fc.constantFrom('a', 'b', '?', '?', '*'), { maxLength: 90 }).map((cs) => cs.join(''))
  const longValue = fc.array(fc.constantFrom('a', 'b'), { maxLength: 120 }).map((cs) => cs.join(''))

  it('globMatch and compileGlob agree with the reference on patterns of up to 90 characters (multi-word ? segments)', () => {
    fc.assert(
      fc.property(longPattern, longValue, (p, v) => {
        const want = dpMatch(unitsOf(parseGlob(p), {})!, v)
        return globMatch(parseGlob(p), v) === want && compileGlob(parseGlob(p))(v) === want
      }),
      { numRuns: 3000 },
    )
  })

  it('the issue\'s pathological shapes agree with the reference (*a?a?a?..., *a*a*a*...b)', () => {
    for (const [p, v] of [
      [`*${'a?'.repeat(40)}`, 'a'.repeat(200)],
      [`*${'a?'.repeat(40)}b`, 'a'.repeat(200)],
      [`*${'a*'.repeat(30)}b`, 'a'.repeat(300)],
      [`${'?'.repeat(33)}*${'?'.repeat(33)}`, 'x'.repeat(66)],
      [`${'?'.repeat(33)}*${'?'.repeat(33)}`, 'x'.repeat(65)],
      [`*${'ab?'.repeat(12)}*`, `${'ab'.repeat(50)}${'abx'.repeat(12)}`],
    ] as const) {
      const want = dpMatch(unitsOf(parseGlob(p), {})!, v)
      expect([p, globMatch(parseGlob(p), v)]).toEqual([p, want])
      expect([p, compileGlob(parseGlob(p))(v)]).toEqual([p, want])
    }
  })

  it('variables are literal text inside any segment (a * or ? in a value is not a wildcard)', () => {
    const token = fc.oneof(fc.constantFrom<GlobPart>('a', 'b', 'ab', STAR, QMARK), fc.constantFrom({ v: 'x' }, { v: 'y' }, { v: 'missing' }))
    const varText = fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 4 }).map((cs) => cs.join(''))
    const val = fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 24 }).map((cs) => cs.join(''))
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), varText, varText, val, (parts, x, y, v) => {
        const vars: Record<string, string> = { x, y }
        const units = unitsOf(parts, vars)
        const want = units === undefined ? false : dpMatch(units, v)
        return globMatch(parts, v, (p: { v: string }) => (Object.hasOwn(vars, p.v) ? vars[p.v] : undefined)) === want
      }),
      { numRuns: 4000 },
    )
  })
})
