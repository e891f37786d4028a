import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadScenarioFile } from './load.js'
import { LoadCache } from './load-cache.js'
import type { Scenario } from './types.js'

const dir = mkdtempSync(join(tmpdir(), 'iamflow-load-cache-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const scenarioText = (role: string) =>
  `name: cached\nsteps:\n  - action: iam.createRole\n    input: { RoleName: ${role}, AssumeRolePolicyDocument: { file: policies/trust.json } }\n`
const trust = (principal: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] })
const principalOf = (s: Scenario) => (s.steps[0].input.AssumeRolePolicyDocument as { Statement: Array<{ Principal: { AWS: string } }> }).Statement[0].Principal.AWS

describe('loading a scenario file again', () => {
  mkdirSync(join(dir, 'policies'))
  const file = join(dir, 'lab.yaml')

  it('gives the same frozen scenario while the file and its policy files are unchanged', async () => {
    writeFileSync(file, scenarioText('r1'))
    writeFileSync(join(dir, 'policies', 'trust.json'), trust('arn:aws:iam::123456789012:root'))
    const first = await loadScenarioFile(file)
    const second = await loadScenarioFile(file)
    expect(second).toBe(first)
    expect(Object.isFrozen(first.steps[0])).toBe(true)
  })

  it('loads afresh when the scenario text changes (same size, same second)', async () => {
    const before = await loadScenarioFile(file)
    writeFileSync(file, scenarioText('r2'))
    const after = await loadScenarioFile(file)
    expect(after).not.toBe(before)
    expect(after.steps[0].input.RoleName).toBe('r2')
  })

  it('loads afresh when a policy file it read changes, or leads elsewhere', async () => {
    const before = await loadScenarioFile(file)
    writeFileSync(join(dir, 'policies', 'trust.json'), trust('arn:aws:iam::123456789012:user/x'))
    const changed = await loadScenarioFile(file)
    expect(changed).not.toBe(before)
    expect(principalOf(changed)).toBe('arn:aws:iam::123456789012:user/x')
    writeFileSync(join(dir, 'policies', 'other.json'), trust('arn:aws:iam::123456789012:user/y'))
    rmSync(join(dir, 'policies', 'trust.json'))
    symlinkSync(join(dir, 'policies', 'other.json'), join(dir, 'policies', 'trust.json'))
    expect(principalOf(await loadScenarioFile(file))).toBe('arn:aws:iam::123456789012:user/y')
  })

  it('reports an error afresh after the file broke (errors are never cached)', async () => {
    await loadScenarioFile(file)
    rmSync(join(dir, 'policies', 'trust.json'))
    await expect(loadScenarioFile(file)).rejects.toThrow(/not a valid scenario/)
    await expect(loadScenarioFile(file)).rejects.toThrow(/not a valid scenario/)
  })
})

describe('LoadCache bounds', () => {
  const fake = (name: string) => ({ name }) as unknown as Scenario

  it('keeps at most maxEntries, least recently used out first', () => {
    const cache = new LoadCache(2, 1 << 20)
    cache.set('a', 'A', [], fake('a'))
    cache.set('b', 'B', [], fake('b'))
    expect(cache.get('a', 'A')?.name).toBe('a') // a is now the most recent
    cache.set('c', 'C', [], fake('c'))
    expect(cache.size).toBe(2)
    expect(cache.get('b', 'B')).toBeUndefined()
    expect(cache.get('a', 'A')?.name).toBe('a')
    expect(cache.get('c', 'C')?.name).toBe('c')
  })

  it('keeps at most maxBytes of source, and never an entry larger than that', () => {
    const cache = new LoadCache(100, 100)
    cache.set('big', 'x'.repeat(60), [], fake('big'))
    expect(cache.size).toBe(0)
    cache.set('a', 'x'.repeat(20), [], fake('a'))
    cache.set('b', 'y'.repeat(20), [], fake('b'))
    cache.set('c', 'z'.repeat(20), [], fake('c'))
    expect(cache.size).toBe(2)
    expect(cache.get('a', 'x'.repeat(20))).toBeUndefined()
  })

  it('a different text for the same path is a miss and drops the old entry', () => {
    const cache = new LoadCache()
    cache.set('a', 'A', [], fake('a'))
    expect(cache.get('a', 'A2')).toBeUndefined()
    expect(cache.size).toBe(0)
  })
})
