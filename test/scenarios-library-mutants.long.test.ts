import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { expectMutantFails, libraryMutants } from './helpers/library.js'

/**
 * The long variant of test/scenarios-library.test.ts's mutants: the expectations of the labs
 * that make RSA keys on every run (SAML, OIDC) that the default suite leaves out, each weakened
 * or flipped, must make their step fail.
 */

const runsDir = mkdtempSync(join(tmpdir(), 'iamflow-library-long-'))
afterAll(() => rmSync(runsDir, { recursive: true, force: true }))

describe('expectations are not vacuous (the key-making labs, the mutants the default suite leaves out)', () => {
  const { long } = libraryMutants()

  it('has mutants to run', () => {
    expect(long.length).toBeGreaterThan(20)
  })

  for (const m of long) {
    it(`${m.file} step ${m.stepId}: ${m.what}`, () => expectMutantFails(m, runsDir))
  }
})
