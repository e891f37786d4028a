import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { httpDate } from './http-date.js'

describe('httpDate', () => {
  it("is Date's toUTCString, whatever the order of the instants asked", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -8.64e15, max: 8.64e15 }), { minLength: 1, maxLength: 20 }), (instants) => {
        for (const ms of instants) {
          expect(httpDate(ms)).toBe(new Date(ms).toUTCString())
          expect(httpDate(ms + 1)).toBe(new Date(ms + 1).toUTCString())
        }
      }),
    )
  })

  it('is right at the edges of the time range (found by the property above: seed 1078767088)', () => {
    for (const ms of [8.64e15, 8.64e15 + 1, -8.64e15, -8.64e15 - 1, Number.NaN]) expect(httpDate(ms)).toBe(new Date(ms).toUTCString())
  })
})
