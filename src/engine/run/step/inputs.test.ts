import { describe, expect, it } from 'vitest'
import type { Step } from '../../../scenario/types.js'
import { namesOf } from './inputs.js'

const step = (): Step => ({
  id: 'attach',
  action: 'iam.attachRolePolicy',
  input: { RoleName: '${{ role }}', PolicyArn: 'arn:aws:iam::${{ account.id }}:policy/${{ policy }}', Tags: [{ Key: 'k', Value: '${{ demo.arn }}' }] },
  as: 'operator',
  expect: { output: { 'Role.Arn': '${{ roleArn }}' } } as unknown as Step['expect'],
  capture: { own: 'Role.Arn' },
  undo: [{ action: 'iam.detachRolePolicy', input: { RoleName: '${{ own }}', PolicyArn: '${{ other }}' } }] as unknown as Step['undo'],
  teardown: true,
  loc: { file: 'f.yaml', line: 1, column: 1 },
  index: 3,
})

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

describe('namesOf', () => {
  it("lists input, expect and undo names, less the step's own captures in its undo", () => {
    expect(namesOf(step())).toEqual(['role', 'account.id', 'policy', 'demo.arn', 'roleArn', 'other'])
  })

  it('finds the names of a frozen (cached) step once, and reads an unfrozen step afresh', () => {
    const frozen = deepFreeze(step())
    const first = namesOf(frozen)
    expect(namesOf(frozen)).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    const open = step()
    const before = namesOf(open)
    expect(namesOf(open)).not.toBe(before)
    open.input.RoleName = '${{ changed }}'
    expect(namesOf(open)).toEqual(['changed', 'account.id', 'policy', 'demo.arn', 'roleArn', 'other'])
  })
})
