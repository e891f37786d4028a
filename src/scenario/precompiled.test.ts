import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkedInSchema, generatedValidators } from '../../scripts/gen-validators.mjs'
import { actionsNamedIn, precompiledValidator } from './precompiled.js'
import { buildScenarioSchema } from './schema.js'
import { compileScenarioSchema } from './schema-check.js'
import { inputValidators } from './validators/index.generated.js'
import { compareOnMutants, JUNK } from './testing/validator-agreement.js'

const schema = buildScenarioSchema()

describe('the generated validators', () => {
  it('are the generator\'s output for the registry\'s schema (run `npm run schema` after changing actions)', () => {
    // The checked-in schema is the registry's (test/scenario-schema.test.ts); both must give the same files.
    expect(JSON.parse(JSON.stringify(schema))).toEqual(checkedInSchema())
    const files = generatedValidators(schema)
    for (const { path, text } of files) expect(readFileSync(path, 'utf8'), path).toBe(text)
    const inputs = readdirSync('src/scenario/validators/inputs').map((n) => `src/scenario/validators/inputs/${n}`)
    expect(inputs.filter((p) => !files.some((f) => f.path === p))).toEqual([])
  }, 60_000)
})

describe('the precompiled validator and the compiled schema agree', () => {
  const junk = JUNK

  it('on every scenario, fixture and a sample of mutants: the same problems, in the same order (all mutants: precompiled.long.test.ts)', async () => {
    const compiled = compileScenarioSchema(schema)
    const precompiled = await precompiledValidator(Object.keys(inputValidators))
    const compared = compareOnMutants(precompiled, compiled, 12, [undefined, 42, 'has space', '${{ t }}', [], { Nope: 1 }, null], (file, x, y) => expect(x, file).toEqual(y))
    expect(compared).toBeGreaterThan(1_500)
  }, 120_000)

  it("on every checked action's input", async () => {
    const compiled = compileScenarioSchema(schema)
    const precompiled = await precompiledValidator(Object.keys(inputValidators))
    expect(Object.keys(inputValidators).length).toBeGreaterThan(100)
    for (const action of Object.keys(inputValidators)) {
      for (const input of [{}, { Nope: 1 }, ...junk.map((j) => ({ UserName: j, RoleName: j, PolicyDocument: j, Bucket: j, Tags: j, DurationSeconds: j }))]) {
        expect(precompiled.validateInput(action, input, ['steps', 0, 'input']), action).toEqual(compiled.validateInput(action, input, ['steps', 0, 'input']))
      }
    }
  }, 120_000)

  it('loads only the validators of the actions a document names, undo calls included', async () => {
    const doc = { name: 'x', steps: [{ action: 'iam.createUser', input: { UserName: 'u' }, undo: [{ action: 'iam.deleteUser', input: { UserName: 'u' } }] }, { action: 'iam.listUsers', undo: { action: 'iam.deleteRole' } }, { action: 'constructor' }] }
    expect(actionsNamedIn(doc)).toEqual(['iam.createUser', 'iam.deleteUser', 'iam.listUsers', 'iam.deleteRole', 'constructor'])
    const v = await precompiledValidator(actionsNamedIn(doc))
    expect(v.validate(doc)).toEqual(compileScenarioSchema(schema).validate(doc))
    expect(v.validateInput('constructor', {}, [])).toEqual([])
  })
})
