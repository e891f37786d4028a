import { describe, expect, it } from 'vitest'
import { SHORT_SUITE_FILES, jitCapApplies } from './jit.js'

describe('jitCapApplies', () => {
  it('caps short suites only', () => {
    expect(jitCapApplies(2, [])).toBe(true)
    expect(jitCapApplies(SHORT_SUITE_FILES, [])).toBe(true)
    expect(jitCapApplies(SHORT_SUITE_FILES + 1, [])).toBe(false)
  })

  it('leaves the tiers alone when node was started with tier flags', () => {
    for (const flag of ['--max-opt=3', '--no-opt', '--jitless', '--maglev', '--no-turbofan', '--sparkplug', '--turbofan']) {
      expect(jitCapApplies(10, ['--enable-source-maps', flag])).toBe(false)
    }
    expect(jitCapApplies(10, ['--max-old-space-size=4096', '--optimize-for-size'])).toBe(true)
  })
})
