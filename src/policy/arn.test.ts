import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { arnMatch, compileArnPattern, matchArnPattern, splitArnParts } from './arn.js'
import { parseGlob } from './wildcard.js'

/** Reference for six-part patterns: split both on the first five colons, glob each part. */
function reference(pattern: string, value: string): boolean {
  const split = (s: string) => {
    const out: string[] = []
    let rest = s
    for (let i = 0; i < 5; i++) {
      const idx = rest.indexOf(':')
      if (idx < 0) return undefined
      out.push(rest.slice(0, idx))
      rest = rest.slice(idx + 1)
    }
    out.push(rest)
    return out
  }
  const glob = (p: string, v: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\/]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's').test(v)
  const ps = split(pattern)
  const vs = split(value)
  if (!ps || !vs) return false
  return ps.every((p, i) => glob(p, vs[i]))
}

const seg = fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 4 }).map((c) => c.join(''))
const vseg = fc.array(fc.constantFrom('a', 'b'), { maxLength: 4 }).map((c) => c.join(''))
const tail = fc.array(fc.constantFrom('a', 'b', ':', '/', '*'), { maxLength: 6 }).map((c) => c.join(''))
const vtail = fc.array(fc.constantFrom('a', 'b', ':', '/'), { maxLength: 6 }).map((c) => c.join(''))

describe('ARN matching', () => {
  it('segment-wise matching agrees with a reference (static and compiled)', () => {
    fc.assert(
      fc.property(fc.tuple(seg, seg, seg, seg, tail), fc.tuple(vseg, vseg, vseg, vseg, vtail), (p, v) => {
        const pattern = `arn:${p.join(':')}`
        const val = `arn:${v.join(':')}`
        const ref = reference(pattern, val)
        return arnMatch(parseGlob(pattern), val) === ref && compileArnPattern(pattern, false).matcher!(val) === ref
      }),
      { numRuns: 5000 },
    )
  })

  it('a * in the region segment does not cross into the account segment', () => {
    expect(compileArnPattern('arn:aws:sns:*:123456789012:t', false).matcher!('arn:aws:sns:us-east-1:123456789012:t')).toBe(true)
    expect(compileArnPattern('arn:aws:sns:*:t', false).matcher!('arn:aws:sns:us-east-1:123456789012:t')).toBe(false)
  })

  it('splits only on literal colons, not on colons inside variables', () => {
    const p = compileArnPattern('arn:aws:iam::${aws:PrincipalAccount}:user/*', true)
    expect(p.variables).toBe(true)
    expect(matchArnPattern(p, 'arn:aws:iam::123456789012:user/x', (k) => (k === 'aws:principalaccount' ? '123456789012' : undefined))).toBe(true)
    expect(matchArnPattern(p, 'arn:aws:iam::123456789012:user/x', () => undefined)).toBe(false)
    expect(splitArnParts(parseGlob('a:b:c:d:e:f:g:h'))).toEqual([['a'], ['b'], ['c'], ['d'], ['e'], ['f:g:h']])
  })
})
