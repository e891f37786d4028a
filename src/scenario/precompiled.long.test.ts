import { describe, expect, it } from 'vitest'
import { precompiledValidator } from './precompiled.js'
import { buildScenarioSchema } from './schema.js'
import { compileScenarioSchema } from './schema-check.js'
import { compareOnMutants, JUNK } from './testing/validator-agreement.js'
import { inputValidators } from './validators/index.generated.js'

describe('the precompiled validator and the compiled schema agree (long)', () => {
  it('on every scenario, fixture and tens of thousands of mutants: the same problems, in the same order', async () => {
    const compiled = compileScenarioSchema(buildScenarioSchema())
    const precompiled = await precompiledValidator(Object.keys(inputValidators))
    const compared = compareOnMutants(precompiled, compiled, 150, JUNK, (file, x, y) => expect(x, file).toEqual(y))
    expect(compared).toBeGreaterThan(20_000)
  }, 600_000)
})
