import { describe, expect, it } from 'vitest'
import { parseDate } from './date.js'

describe('date parsing', () => {
  it('reads ISO 8601 forms as UTC and epoch seconds', () => {
    expect(parseDate('2026-01-01T00:00:00Z')).toBe(Date.UTC(2026, 0, 1))
    expect(parseDate('2026-01-01')).toBe(Date.UTC(2026, 0, 1))
    expect(parseDate('2026-01-01T10:30:00')).toBe(Date.UTC(2026, 0, 1, 10, 30))
    expect(parseDate('2026-01-01T10:30:00.250Z')).toBe(Date.UTC(2026, 0, 1, 10, 30, 0, 250))
    expect(parseDate('2026-01-01T10:30:00-02:00')).toBe(Date.UTC(2026, 0, 1, 12, 30))
    expect(parseDate('1767225600')).toBe(Date.UTC(2026, 0, 1))
  })

  it('rejects nonsense', () => {
    expect(parseDate('tomorrow')).toBeUndefined()
    expect(parseDate('2026-13-01')).toBeUndefined()
    expect(parseDate('2026-01-01T25:00:00Z')).toBeUndefined()
  })
})
