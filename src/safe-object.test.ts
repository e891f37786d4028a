import { describe, expect, it } from 'vitest'
import { dict, dictFrom, dictOf, hasOwnKey, isForbiddenKey, ownGet, setOwn } from './safe-object.js'

describe('safe-object', () => {
  it('dict() inherits nothing: no constructor, no toString, __proto__ is a plain key', () => {
    const d = dict<string>()
    expect(ownGet(d, 'constructor')).toBeUndefined()
    expect('toString' in d).toBe(false)
    d['__proto__'] = 'x'
    expect(Object.keys(d)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(d)).toBeNull()
  })

  it('dictFrom and dictOf keep every key as their own, later records win', () => {
    const from = dictFrom([['__proto__', 1], ['constructor', 2], ['a', 3], ['a', 4]])
    expect(Object.entries(from)).toEqual([['__proto__', 1], ['constructor', 2], ['a', 4]])
    const own = JSON.parse('{"__proto__":{"polluted":true},"b":1}') as Record<string, unknown>
    const merged = dictOf<unknown>({ b: 0, c: 1 }, own)
    expect(Object.getPrototypeOf(merged)).toBeNull()
    expect(Object.keys(merged)).toEqual(['b', 'c', '__proto__'])
    expect(merged.b).toBe(1)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('ownGet and hasOwnKey never answer with an inherited value', () => {
    const plain: Record<string, unknown> = { a: 1 }
    expect(ownGet(plain, 'constructor')).toBeUndefined()
    expect(ownGet(plain, 'toString')).toBeUndefined()
    expect(hasOwnKey(plain, 'hasOwnProperty')).toBe(false)
    expect(ownGet(plain, 'a')).toBe(1)
    expect(ownGet(undefined, 'a')).toBeUndefined()
  })

  it('setOwn defines __proto__ as an own property of an ordinary object', () => {
    const o: Record<string, unknown> = {}
    setOwn(o, '__proto__', { polluted: true })
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype)
    expect(Object.keys(o)).toEqual(['__proto__'])
  })

  it('isForbiddenKey names exactly the three prototype-reaching names', () => {
    expect(['__proto__', 'constructor', 'prototype', 'toString', 'Constructor', '__proto'].map(isForbiddenKey)).toEqual([true, true, true, false, false, false])
  })
})
