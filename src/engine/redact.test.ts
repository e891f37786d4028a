import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isSecretKey, REDACTED, redactValue, SecretScrubber } from './redact.js'

/** The definition redactValue had before its fast path: Object.entries and defineProperty for every member. */
function reference(value: unknown, scrubber?: SecretScrubber, key = ''): unknown {
  if (key !== '' && /secret|password|sessiontoken|privatekey|^token$|credentials?$|seed$|qrcodepng|^samlassertion$/i.test(key) && (typeof value === 'string' || (typeof value === 'object' && value !== null))) return REDACTED
  if (typeof value === 'string') return scrubber ? scrubber.text(value) : value
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map((v) => reference(v, scrubber))
  if (value !== null && typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON(): unknown }).toJSON()
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata') continue
      Object.defineProperty(out, k, { value: reference(v, scrubber, k), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return value
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const keys = fc.constantFrom('UserName', 'Arn', 'SecretAccessKey', 'SessionToken', 'Password', 'Token', 'Credentials', 'Base32StringSeed', 'QRCodePNG', 'SAMLAssertion', '$metadata', '__proto__', 'constructor', 'toString', '', 'x', 'Tags')
const leaf = fc.oneof(fc.string(), fc.constant(SECRET), fc.constant(`before ${SECRET} after`), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true }))
const tree = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(keys, tie('node'), { maxKeys: 5 })),
}))

/** fast-check's dictionary may give `__proto__` as an own key; build the object with defineProperty like JSON.parse would. */
function ownCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ownCopy)
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(value)) Object.defineProperty(out, k, { value: ownCopy((value as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true })
  return out
}

/** Deep equality of prototypes, own keys (in order) and property descriptors (vitest's toStrictEqual reads an own `constructor`). */
function sameShape(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b)
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  const ka = Reflect.ownKeys(a)
  const kb = Reflect.ownKeys(b)
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false
  return ka.every((k) => {
    const da = Object.getOwnPropertyDescriptor(a, k)!
    const db = Object.getOwnPropertyDescriptor(b, k)!
    return da.enumerable === db.enumerable && da.writable === db.writable && da.configurable === db.configurable && sameShape(da.value, db.value)
  })
}

describe('redactValue', () => {
  it('equals the reference definition (names and known values redacted, own keys only) on random values', () => {
    const scrubber = new SecretScrubber()
    scrubber.add(SECRET)
    fc.assert(
      fc.property(tree.node, keys, fc.boolean(), (raw, key, withScrubber) => {
        const value = ownCopy(raw)
        const s = withScrubber ? scrubber : undefined
        const got = redactValue(value, s, key)
        const want = reference(value, s, key)
        expect(JSON.stringify(got)).toBe(JSON.stringify(want))
        expect(sameShape(got, want)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('keeps __proto__ an own member of an ordinary object and never touches the prototype', () => {
    const input = JSON.parse('{"__proto__":{"polluted":true},"constructor":"c","SecretAccessKey":"abcdefgh1234"}') as object
    const out = redactValue(input) as Record<string, unknown>
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor', 'SecretAccessKey'])
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: true })
    expect(out.SecretAccessKey).toBe(REDACTED)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('classifies member names the same when they are asked again (memo) and past its bound', () => {
    for (let i = 0; i < 3000; i++) expect(isSecretKey(`Member${i}`)).toBe(false)
    for (let i = 0; i < 3; i++) {
      expect(isSecretKey('SecretAccessKey')).toBe(true)
      expect(isSecretKey('MySessionTokenValue')).toBe(true)
      expect(isSecretKey('Tokens')).toBe(false)
      expect(isSecretKey('x'.repeat(200) + 'password')).toBe(true)
    }
  })
})

describe('SecretScrubber.text', () => {
  it('replaces every known secret, whatever their lengths and order, and leaves shorter text alone', () => {
    const s = new SecretScrubber()
    expect(s.text('no secrets known yet: wJalrXUtnFEMI')).toBe('no secrets known yet: wJalrXUtnFEMI')
    s.add('short') // under 8 characters: never a secret
    s.add('A'.repeat(40))
    expect(s.text('short')).toBe('short')
    expect(s.text('A'.repeat(39))).toBe('A'.repeat(39))
    expect(s.text(`x${'A'.repeat(40)}y`)).toBe(`x${REDACTED}y`)
    s.add('pass1234')
    expect(s.text('pass1234')).toBe(REDACTED)
    expect(s.text('pass123')).toBe('pass123')
    expect(s.text(`${'A'.repeat(40)} and pass1234`)).toBe(`${REDACTED} and ${REDACTED}`)
  })

  it('equals replacing each secret in turn (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 0, maxLength: 14, unit: fc.constantFrom('a', 'b', 'c', 'd') }), { maxLength: 5 }), fc.string({ maxLength: 40, unit: fc.constantFrom('a', 'b', 'c', 'd', ' ') }), (secrets, text) => {
        const s = new SecretScrubber()
        for (const x of secrets) s.add(x)
        let want = text
        for (const x of new Set(secrets.filter((x) => x.length >= 8))) if (want.includes(x)) want = want.split(x).join(REDACTED)
        expect(s.text(text)).toBe(want)
      }),
      { numRuns: 500 },
    )
  })
})
