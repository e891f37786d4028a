import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { asList, parseForm, structureParams } from './query-parse.js'

describe('query input parsing', () => {
  it('decodes form encoding, including + as space and %2B as plus', () => {
    expect(parseForm('Action=AssumeRole&RoleSessionName=a%2Bb+c&Empty=&Flag')).toEqual([
      ['Action', 'AssumeRole'],
      ['RoleSessionName', 'a+b c'],
      ['Empty', ''],
      ['Flag', ''],
    ])
  })

  it('turns member lists into arrays ordered by index, with nested structures', () => {
    const input = structureParams(
      parseForm(
        'Tags.member.2.Key=b&Tags.member.2.Value=2&Tags.member.1.Key=a&Tags.member.1.Value=1' +
          '&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess' +
          '&TransitiveTagKeys.member.10=z&TransitiveTagKeys.member.9=y',
      ),
    )
    expect(input).toEqual({
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      TransitiveTagKeys: ['y', 'z'],
    })
  })

  it('turns entry maps into records and keeps empty lists as empty strings', () => {
    const input = structureParams(parseForm('M.entry.1.key=k1&M.entry.1.value=v1&M.entry.2.key=k2&M.entry.2.value=v2&Tags='))
    expect(input).toEqual({ M: { k1: 'v1', k2: 'v2' }, Tags: '' })
    expect(asList(input.Tags)).toEqual([])
    expect(asList(undefined)).toEqual([])
  })

  it('handles nested lists inside list members', () => {
    const input = structureParams(
      parseForm(
        'ContextEntries.member.1.ContextKeyName=aws%3AUsername&ContextEntries.member.1.ContextKeyValues.member.1=alice' +
          '&ContextEntries.member.1.ContextKeyType=string',
      ),
    )
    expect(input).toEqual({
      ContextEntries: [{ ContextKeyName: 'aws:Username', ContextKeyValues: ['alice'], ContextKeyType: 'string' }],
    })
  })
})

describe('parameter names never reach a prototype', () => {
  const refused = { code: 'InvalidQueryParameter', status: 400 }

  it.each(['__proto__.aws:username', 'constructor.prototype.x', 'Tags.member.1.__proto__', 'UserName.constructor', 'prototype', 'a.b.c.prototype.d'])(
    '%s is refused with InvalidQueryParameter',
    (name) => {
      const before = Object.getOwnPropertyNames(Object.prototype).length
      expect(() => structureParams([[name, 'x']])).toThrow(expect.objectContaining(refused))
      expect(Object.getOwnPropertyNames(Object.prototype).length).toBe(before)
    },
  )

  it('builds objects without a prototype, so toString/valueOf are plain members', () => {
    const input = structureParams(parseForm('UserName.toString=x&Path=%2F&hasOwnProperty=1'))
    expect(Object.getPrototypeOf(input)).toBeNull()
    expect(Object.getPrototypeOf(input.UserName)).toBeNull()
    expect(input.UserName).toEqual({ toString: 'x' })
    expect(input.hasOwnProperty).toBe('1')
  })

  it('keeps a map key named __proto__ as an ordinary key (map keys are values)', () => {
    const input = structureParams(parseForm('M.entry.1.key=__proto__&M.entry.1.value=v&M.entry.2.key=constructor&M.entry.2.value=c'))
    const map = input.M as Record<string, unknown>
    expect(Object.getPrototypeOf(map)).toBeNull()
    expect(Object.entries(map)).toEqual([
      ['__proto__', 'v'],
      ['constructor', 'c'],
    ])
  })
})

describe('parseForm decoding', () => {
  // The definition: `+` is a space, then percent-decoding; text that does not decode stays as is.
  const decode = (s: string): string => {
    const plus = s.replace(/\+/g, ' ')
    try {
      return decodeURIComponent(plus)
    } catch {
      return plus
    }
  }
  it('decodes every name and value as the definition does (the undecoded fast path included)', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9%+.\-_~é]{0,12}$/)
    fc.assert(
      fc.property(fc.array(fc.tuple(part, part), { maxLength: 6 }), (pairs) => {
        const text = pairs.map(([k, v]) => `${k}=${v}`).join('&')
        const expected = pairs.filter(([k, v]) => `${k}=${v}` !== '').map(([k, v]) => [decode(k), decode(v)])
        expect(parseForm(text)).toEqual(expected)
      }),
    )
  })
})
