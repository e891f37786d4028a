import { describe, expect, it } from 'vitest'
import { chooseScenarios, type LoadOutcome } from '../src/engine/suite/suite-select.js'

const loaded = (name: string, file: string): LoadOutcome => ({ ok: true, info: { name, file, varNames: [] } })
const SUITE = [loaded('assume-role', 'scenarios/assume-role.yaml'), loaded('explicit-deny', 'scenarios/explicit-deny.yaml'), loaded('james', 'labs/james-s3-readonly.yaml')]
const names = (opts: Parameters<typeof chooseScenarios>[1]) => chooseScenarios(SUITE, opts).map((c) => (SUITE[c.index] as { info: { name: string } }).info.name)

describe('--filter and --exclude (issue 17)', () => {
  it('--exclude leaves out scenarios by name or file path, as --filter picks them; repeatable; regexes too', () => {
    expect(names({ exclude: ['deny'] })).toEqual(['assume-role', 'james'])
    expect(names({ exclude: ['labs/'] })).toEqual(['assume-role', 'explicit-deny'])
    expect(names({ exclude: ['deny', '/^assume/'] })).toEqual(['james'])
    expect(names({ filter: 'scenarios/', exclude: ['assume'] })).toEqual(['explicit-deny'])
    expect(names({ filter: 's3-readonly' })).toEqual(['james'])
  })

  it('says which flags left nothing to run, and refuses a bad regex as bad input', () => {
    expect(() => names({ filter: 'scenarios/', exclude: ['/.*/'] })).toThrow(expect.objectContaining({ code: 'nothing-to-run', message: 'no scenario is left by --filter scenarios/ --exclude /.*/' }))
    expect(() => names({ filter: 'nope' })).toThrow(expect.objectContaining({ code: 'nothing-to-run', message: 'no scenario matches --filter nope' }))
    expect(() => names({ exclude: ['/(/'] })).toThrow(expect.objectContaining({ code: 'bad-regex', exitCode: 2 }))
  })
})
