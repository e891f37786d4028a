/**
 * Date condition operators. Values are ISO 8601 (`2026-01-01`, `2026-01-01T12:00:00Z`) or epoch
 * seconds (`aws:EpochTime`). No policy variables.
 */
import type { FamilyCompiler } from './family.js'

const EPOCH = /^-?\d+(\.\d+)?$/
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?$/

/** Milliseconds since the epoch; undefined when unparseable. Times without a zone are UTC. */
export function parseDate(s: string): number | undefined {
  const t = s.trim()
  if (EPOCH.test(t)) return Math.round(Number(t) * 1000)
  const m = ISO.exec(t)
  if (!m) return undefined
  const [, y, mo, d, h, mi, se, frac, , sign, zh, zm] = m
  const month = mo ? Number(mo) : 1
  const day = d ? Number(d) : 1
  const hour = h ? Number(h) : 0
  const min = mi ? Number(mi) : 0
  const sec = se ? Number(se) : 0
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 59) return undefined
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0
  let at = Date.UTC(Number(y), month - 1, day, hour, min, sec, ms)
  if (sign) {
    const off = (Number(zh) * 60 + (zm ? Number(zm) : 0)) * 60_000
    at += sign === '+' ? -off : off
  }
  return at
}

type Cmp = (req: number, pol: number) => boolean

function date(cmp: Cmp): FamilyCompiler {
  return (values) => {
    const dates = values.map(parseDate).filter((n): n is number => n !== undefined)
    return {
      test(v) {
        const r = parseDate(v)
        if (r === undefined) return false
        return dates.some((p) => cmp(r, p))
      },
    }
  }
}

export const dateEquals = date((r, p) => r === p)
export const dateLessThan = date((r, p) => r < p)
export const dateLessThanEquals = date((r, p) => r <= p)
export const dateGreaterThan = date((r, p) => r > p)
export const dateGreaterThanEquals = date((r, p) => r >= p)
