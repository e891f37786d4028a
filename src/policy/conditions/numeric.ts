/** Numeric condition operators (no policy variables, per the IAM User Guide). */
import type { FamilyCompiler } from './family.js'

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** Parses a decimal number as IAM accepts it; undefined when not a number. */
export function parseNumber(s: string): number | undefined {
  const t = s.trim()
  return NUMBER.test(t) ? Number(t) : undefined
}

type Cmp = (req: number, pol: number) => boolean

function numeric(cmp: Cmp): FamilyCompiler {
  return (values) => {
    const nums = values.map(parseNumber).filter((n): n is number => n !== undefined)
    return {
      test(v) {
        const r = parseNumber(v)
        if (r === undefined) return false
        return nums.some((p) => cmp(r, p))
      },
    }
  }
}

export const numericEquals = numeric((r, p) => r === p)
export const numericLessThan = numeric((r, p) => r < p)
export const numericLessThanEquals = numeric((r, p) => r <= p)
export const numericGreaterThan = numeric((r, p) => r > p)
export const numericGreaterThanEquals = numeric((r, p) => r >= p)
