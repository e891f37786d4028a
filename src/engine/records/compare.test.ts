import { describe, expect, it } from 'vitest'
import { canonical, diffObservations } from './compare.js'

describe('diffObservations', () => {
  it('finds nothing between equal observations, whatever the key order or prototype of values', () => {
    const proto = Object.create(null) as Record<string, unknown>
    proto.b = 1
    proto.a = [1, { y: 2, x: 1 }]
    const a = { outcome: 'success' as const, status: 200, output: [{ path: 'P', value: { a: [1, { x: 1, y: 2 }], b: 1 } }] }
    const b = { outcome: 'success' as const, status: 200, output: [{ path: 'P', value: proto }] }
    expect(diffObservations(a, b)).toEqual([])
  })

  it('names each differing field, first side as a, second as b', () => {
    const a = { outcome: 'error' as const, code: 'AccessDenied', status: 403, because: ['implicitDeny'], message: 'm1' }
    const b = { outcome: 'error' as const, code: 'AccessDenied', status: 400, because: ['explicitDeny'], message: 'm2' }
    expect(diffObservations(a, b)).toEqual([
      { field: 'status', a: '403', b: '400' },
      { field: 'because', a: 'implicitDeny', b: 'explicitDeny' },
      { field: 'message', a: 'm1', b: 'm2' },
    ])
  })

  it('compares checked output paths as a set, with presence and absence', () => {
    const a = { outcome: 'success' as const, output: [{ path: 'A', value: 'x' }, { path: 'B', exists: true }] }
    const b = { outcome: 'success' as const, output: [{ path: 'B', exists: false }, { path: 'C', value: 1 }] }
    expect(diffObservations(a, b)).toEqual([
      { field: 'output A', a: '"x"', b: '(none)' },
      { field: 'output B', a: 'present', b: 'absent' },
      { field: 'output C', a: '(none)', b: '1' },
    ])
  })

  it('an outcome that changed is one difference per field that changed with it', () => {
    expect(diffObservations({ outcome: 'success', status: 200 }, { outcome: 'error', code: 'NoSuchEntity', status: 404, message: 'gone' }).map((d) => d.field)).toEqual(['outcome', 'code', 'status', 'message'])
  })
})

describe('canonical', () => {
  it('sorts keys at every level and keeps __proto__ an ordinary key', () => {
    expect(canonical(JSON.parse('{"b":1,"__proto__":{"z":1,"a":2}}'))).toBe('{"__proto__":{"a":2,"z":1},"b":1}')
  })
})
