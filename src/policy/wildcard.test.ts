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
