import { describe, expect, it } from 'vitest'
import { formatSyncPolicy, parseSyncPolicy } from './sync-policy.js'

describe('--state-sync', () => {
  it('parses always, batch, batch=MS and none, and prints them back', () => {
    expect(parseSyncPolicy('always')).toEqual({ mode: 'always' })
    expect(parseSyncPolicy('none')).toEqual({ mode: 'none' })
    expect(parseSyncPolicy('batch')).toEqual({ mode: 'batch', windowMs: 10 })
    expect(parseSyncPolicy(' batch=25 ')).toEqual({ mode: 'batch', windowMs: 25 })
    for (const s of ['always', 'none', 'batch=10', 'batch=1000']) expect(formatSyncPolicy(parseSyncPolicy(s))).toBe(s)
  })

  it('refuses anything else with the accepted forms', () => {
    expect(() => parseSyncPolicy('fsync')).toThrow("expected always, batch, batch=MS or none, got 'fsync'")
    expect(() => parseSyncPolicy('batch=0')).toThrow('batch window must be 1..1000 ms, got 0')
    expect(() => parseSyncPolicy('batch=5000')).toThrow('batch window must be 1..1000 ms, got 5000')
    expect(() => parseSyncPolicy('batch=-1')).toThrow("expected always, batch, batch=MS or none, got 'batch=-1'")
  })
})
