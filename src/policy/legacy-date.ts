/**
 * IAM's "legacy parsing" of Date condition values at validation time: what passes here is
 * accepted by CreatePolicy, the rest fails with `The policy failed legacy parsing`.
 *
 * Evidence: IAM's answers recorded in 2026 (recorded/create-policy-documents.json: valid-30
 * `01T`, valid-34..37, invalid-64 and invalid-72..75) and the rules moto verified against AWS in
 * 2019 (moto policy_validation.py `_legacy_parse_date_condition_value`): a value with `t` or `-`
 * is an ISO 8601 date with a year in -292275054..292278993, month, day, a time of up to three
 * `:` parts, at most nine fraction digits and a two-digit zone hour; any other value is an epoch
 * integer in 0..2^63-1. One choice of ours where no recording exists: a negative zone offset
 * (`-05:00`) is accepted like a positive one (moto refuses it; AWS's answer is unknown).
 */

const MAX_EPOCH = 9223372036854775807n
const INT = /^\d+$/

function inRange(s: string, lo: number, hi: number): boolean {
  if (!INT.test(s)) return false
  const n = Number(s)
  return n >= lo && n <= hi
}

function zoneOk(zone: string): boolean {
  const [h, m, ...more] = zone.split(':')
  if (more.length > 0 || h.length !== 2 || !inRange(h, 0, 23)) return false
  return m === undefined || (m.length === 2 && inRange(m, 0, 59))
}

function secondsOk(s: string): boolean {
  const dot = s.indexOf('.')
  const whole = dot < 0 ? s : s.slice(0, dot)
  if (!inRange(whole, 0, 59)) return false
  return dot < 0 || (INT.test(s.slice(dot + 1)) && s.length - dot - 1 <= 9)
}

function timeOk(time: string): boolean {
  if (time === '') return true
  // The zone follows the seconds: `Z`, `+hh[:mm]` or (our choice) `-hh[:mm]`.
  const zoneAt = time.search(/[z+]|-(?=\d\d(:\d\d)?$)/)
  const clock = zoneAt < 0 ? time : time.slice(0, zoneAt)
  const zone = zoneAt < 0 ? undefined : time.slice(zoneAt)
  if (zone !== undefined) {
    if (zone === 'z') {
      // nothing after Z
    } else if (!zoneOk(zone.slice(1))) return false
    if (clock.split(':').length !== 3) return false
  }
  const [h, m, s, ...more] = clock.split(':')
  if (more.length > 0) return false
  if (h !== '' && !inRange(h, 0, 23)) return false
  if (m !== undefined && !inRange(m, 0, 59)) return false
  return s === undefined || secondsOk(s)
}

/** True when IAM's legacy parser accepts `value` in a Date condition. */
export function legacyDateOk(value: string): boolean {
  const v = value.toLowerCase()
  if (!v.includes('t') && !v.includes('-')) return INT.test(v) && BigInt(v) <= MAX_EPOCH
  const t = v.indexOf('t')
  const datePart = t < 0 ? v : v.slice(0, t)
  const time = t < 0 ? '' : v.slice(t + 1)
  const negative = datePart.startsWith('-')
  const parts = (negative ? datePart.slice(1) : datePart).split('-')
  if (parts.length > 3) return false
  const [y, mo, d] = parts
  if (!INT.test(y) || Number(y) > (negative ? 292275054 : 292278993)) return false
  if (mo !== undefined && !inRange(mo, 1, 12)) return false
  if (d !== undefined && !inRange(d, 1, 31)) return false
  return timeOk(time)
}
