import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * The README states how to run the tests; package.json defines those commands and `.ci/run`
 * (what CI runs) runs each of them, so the long variants cannot silently drop out of CI.
 */
describe('the test commands', () => {
  const readme = readFileSync('README.md', 'utf8')
  const ci = readFileSync('.ci/run', 'utf8')
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts

  it('npm test is the default suite, npm run test:long the long variants only', () => {
    expect(scripts.test).toBe('vitest run')
    expect(scripts['test:long']).toBe('vitest run --config vitest.long.config.ts')
  })

  it('the README names both, and CI runs both', () => {
    for (const command of ['npm test', 'npm run test:long']) {
      expect(readme).toContain(command)
      expect(ci.split('\n')).toContain(command)
    }
  })
})
