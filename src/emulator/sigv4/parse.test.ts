import { describe, expect, it } from 'vitest'
import { RecordHeaders } from '../incoming.js'
import { fromAmzDate, parseAuth, type SigV4Auth } from './parse.js'

/** What fromAmzDate computed before it read the digits in place. */
function sliced(s: string): number {
  return Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15))
}

function authOf(signedHeaders: string, date = '20261203T140000Z'): SigV4Auth {
  const headers = new RecordHeaders({
    authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261203/us-east-1/sts/aws4_request, SignedHeaders=${signedHeaders}, Signature=${'a'.repeat(64)}`,
    'x-amz-date': date,
  })
  const parsed = parseAuth({ headers, query: [] })
  if (parsed.kind !== 'ok') throw new Error(`not parsed: ${JSON.stringify(parsed)}`)
  return parsed.auth
}

describe('fromAmzDate', () => {
  it('reads every YYYYMMDDTHHMMSSZ as the sliced reading does, and malformed ones alike', () => {
    let seed = 7
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const pad = (n: number, w: number) => String(n).padStart(w, '0')
    for (let i = 0; i < 2000; i++) {
      const s = `${pad(next(10000), 4)}${pad(next(14), 2)}${pad(next(33), 2)}T${pad(next(25), 2)}${pad(next(61), 2)}${pad(next(61), 2)}Z`
      expect(fromAmzDate(s)).toBe(sliced(s))
    }
    expect(fromAmzDate('20261203T140000Z')).toBe(Date.UTC(2026, 11, 3, 14, 0, 0))
    for (const odd of ['2026120xT140000Z', '20261203T14 000Z', '2026-1203T14000Z', '20261203T1400', '', '+0261203T140000Z']) {
      expect(Object.is(fromAmzDate(odd), sliced(odd))).toBe(true)
    }
  })
})

describe('SignedHeaders', () => {
  it('is parsed once per list: requests with the same list share one frozen array', () => {
    const a = authOf('host;x-amz-date')
    const b = authOf('host;x-amz-date', '20261203T140001Z')
    expect(a.signedHeaders).toEqual(['host', 'x-amz-date'])
    expect(b.signedHeaders).toBe(a.signedHeaders)
    expect(Object.isFrozen(a.signedHeaders)).toBe(true)
  })

  it('lower-cases names as listed, and reads a list too long to keep each time', () => {
    expect(authOf('Host;X-Amz-Date;b').signedHeaders).toEqual(['host', 'x-amz-date', 'b'])
    const long = Array.from({ length: 60 }, (_, i) => `X-Header-${i}`).join(';')
    expect(long.length).toBeGreaterThan(512)
    const first = authOf(long).signedHeaders
    expect(first).toEqual(long.toLowerCase().split(';'))
    expect(authOf(long).signedHeaders).not.toBe(first)
  })
})
