import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { checkedInSchema, generatedValidators } from '../../scripts/gen-validators.mjs'
import { actionsNamedIn, precompiledValidator } from './precompiled.js'
import { buildScenarioSchema } from './schema.js'
import { compileScenarioSchema } from './schema-check.js'
import { inputValidators } from './validators/index.generated.js'

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

/** Every path to a value in plain data (at most `limit`). */
function paths(value: unknown, limit: number, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (out.length >= limit) return out
  out.push(at)
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, limit, [...at, i], out))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, limit, [...at, k], out)
  return out
}

function replaced(data: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value
  const copy = structuredClone(data) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  if (value === undefined) delete node[path[path.length - 1]!]
  else node[path[path.length - 1]!] = value
  return copy
}

describe('the precompiled validator and the compiled schema agree', () => {
  const docs = [
    ...readdirSync('scenarios').filter((n) => n.endsWith('.yaml')).map((n) => `scenarios/${n}`),
    ...readdirSync('test/fixtures/bad').filter((n) => n.endsWith('.yaml')).map((n) => `test/fixtures/bad/${n}`),
  ].flatMap((file) => {
    try {
      return [{ file, data: parse(readFileSync(file, 'utf8')) as unknown }]
    } catch {
      return [] // not YAML at all: never validated
    }
  })
  const junk = [undefined, 42, -1, 'has space', '', '${{ t }}', 'x'.repeat(3000), [], [1, 'a'], {}, { Nope: 1 }, null, true]

  it('on every scenario, fixture and mutant of them: the same problems, in the same order', async () => {
    const compiled = compileScenarioSchema(schema)
    const precompiled = await precompiledValidator(Object.keys(inputValidators))
    let compared = 0
    for (const { file, data } of docs) {
      const variants = [data, ...paths(data, 50).flatMap((p) => junk.map((j) => replaced(data, p, j)))]
      for (const doc of variants) {
        expect(precompiled.validate(doc), file).toEqual(compiled.validate(doc))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(5_000)
  }, 300_000)

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
