import { describe, expect, it } from 'vitest'
import { closestName } from '../src/actions/suggest.js'
import { listActionNames } from '../src/actions/registry.js'
import { checkScenarioText } from './helpers/reliability/fuzz.js'

/**
 * Hostile scenario input must be refused quickly: a file is at most 1 MiB, and nothing in
 * validate/plan may be quadratic in the size of one value. (Found by the fuzzer: a 300 kB
 * action name took 80 s in the "did you mean" edit distance.)
 */
describe('input size does not buy CPU time', () => {
  it('an action name of 200k characters is refused as unknown in well under a second', () => {
    const name = `iam.${'x'.repeat(200_000)}`
    const started = performance.now()
    const result = checkScenarioText(`name: long\nsteps:\n  - action: ${name}\n`, 'long.yaml')
    expect(result).toEqual({ ok: false, codes: ['unknown-action'] })
    expect(performance.now() - started).toBeLessThan(1_500)
  })

  it('a file with 20,000 wrong steps is refused in seconds, each error located (no quadratic error handling)', () => {
    const n = 20_000
    const text = `name: many\nsteps:\n${Array(n).fill('  - 1').join('\n')}\n`
    const started = performance.now()
    const result = checkScenarioText(text, 'many.yaml')
    expect(result.ok).toBe(false)
    expect(result.ok ? 0 : result.codes.length).toBe(n)
    expect(performance.now() - started).toBeLessThan(4_000)
  })

  it('"did you mean" still suggests for near misses, and never for hopeless names', () => {
    const names = listActionNames()
    expect(closestName('iam.createrole', names)).toBe('iam.createRole')
    expect(closestName('createRole', names)).toBe('iam.createRole')
    expect(closestName('iam.creatRole', names)).toBe('iam.createRole')
    expect(closestName(`iam.createRole${'x'.repeat(5_000)}`, names)).toBeUndefined()
  })
})
