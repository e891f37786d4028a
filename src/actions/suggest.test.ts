import { describe, expect, it } from 'vitest'
import { closestName, editDistance } from './suggest.js'

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['createrol', 'createrole', 1],
    ['flaw', 'lawn', 2],
  ])('%s / %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
    expect(editDistance(b, a)).toBe(d)
  })
})

describe('closestName', () => {
  const names = ['iam.createRole', 'iam.createUser', 'iam.deleteRole', 'sts.assumeRole']
  it('prefers the earlier candidate on a tie', () => {
    expect(closestName('iam.createRol', names)).toBe('iam.createRole')
    expect(closestName('iam.createXole', ['iam.createRole', 'iam.createXoles'])).toBe('iam.createRole')
  })
  it('gives up beyond a third of the operation name', () => {
    expect(closestName('iam.makeThing', names)).toBeUndefined()
  })
})
