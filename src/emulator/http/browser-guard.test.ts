import { describe, expect, it } from 'vitest'
import { RecordHeaders } from '../incoming.js'
import { checkBrowser, hostName, isLoopbackAddress, normaliseOrigin, type BrowserPolicy } from './browser-guard.js'

const policy: BrowserPolicy = { origins: new Set(['http://localhost:3000']), hostAllowed: (n) => n === 'localhost' || n === '127.0.0.1' || n.endsWith('.localhost') }
const check = (h: Record<string, string>) => checkBrowser(new RecordHeaders(h), policy)

describe('browser guard', () => {
  it.each([
    ['127.0.0.1:4566', '127.0.0.1'],
    ['LocalHost:4566', 'localhost'],
    ['[::1]:4566', '::1'],
    ['bucket.localhost.', 'bucket.localhost'],
    ['evil.example:4566', 'evil.example'],
  ])('hostName(%s) = %s', (h, name) => expect(hostName(h)).toBe(name))

  it.each([
    ['http://localhost:3000', 'http://localhost:3000'],
    ['HTTP://LOCALHOST:3000/', 'http://localhost:3000'],
    ['https://app.example:443', 'https://app.example'],
    ['null', undefined],
    ['localhost:3000', undefined],
    ['http://localhost:3000/path', undefined],
    ['file:///tmp/x.html', undefined],
  ])('normaliseOrigin(%s) = %s', (o, n) => expect(normaliseOrigin(o)).toBe(n))

  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['128.0.0.1', false],
  ])('isLoopbackAddress(%s) = %s', (a, loop) => expect(isLoopbackAddress(a)).toBe(loop))

  it('serves AWS clients (no Origin), typed-in URLs and allowed origins; refuses the rest', () => {
    expect(check({ host: '127.0.0.1:4566' })).toEqual({ ok: true })
    expect(check({ host: 'b.localhost:4566', 'sec-fetch-site': 'none' })).toEqual({ ok: true })
    expect(check({ host: 'localhost:4566', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' })).toEqual({ ok: true, corsOrigin: 'http://localhost:3000' })
    const refused: Array<Record<string, string>> = [
      { host: 'evil.example:4566' },
      {},
      { host: '127.0.0.1:4566', origin: 'https://evil.example' },
      { host: '127.0.0.1:4566', origin: 'null' },
      { host: '127.0.0.1:4566', 'sec-fetch-site': 'cross-site' },
      { host: '127.0.0.1:4566', 'sec-fetch-site': 'same-site' },
    ]
    for (const h of refused) expect(check(h).ok, JSON.stringify(h)).toBe(false)
  })

  it('clips a hostile Host in its message', () => {
    const v = check({ host: `${'a'.repeat(10_000)}.example` })
    expect(v.ok).toBe(false)
    if (!v.ok) expect(v.message.length).toBeLessThan(700)
  })
})
