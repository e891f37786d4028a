import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { JsonSchema } from '../src/actions/define-action.js'
import { checkedActions, listActionNames } from '../src/actions/registry.js'
import { scenarioSchemaText } from '../src/cli/schema.js'
import { buildScenarioSchema, inputDefKey } from '../src/scenario/schema.js'
import { createAjv, scenarioValidator } from '../src/scenario/schema-check.js'

const schema = buildScenarioSchema()
const defs = schema.$defs as Record<string, JsonSchema>

describe('the scenario schema comes from the registry', () => {
  it('the checked-in schema/scenario.schema.json is the generated one (run `npm run schema` after changing actions)', async () => {
    const onDisk = await readFile('schema/scenario.schema.json', 'utf8')
    expect(onDisk).toBe(await scenarioSchemaText())
  })

  it('the action enum is every action the registry knows', () => {
    const step = defs.step as { properties: { action: { enum: string[] } } }
    expect(step.properties.action.enum).toEqual([...listActionNames()].sort())
    expect(step.properties.action.enum).toContain('iam.createRole')
    expect(step.properties.action.enum).toContain('iam.createServiceLinkedRole')
  })

  it('each checked action has its input schema, applied with if/then on action', () => {
    const conditions = (defs.step.allOf as JsonSchema[]).map((c) => ({
      name: ((c.if as JsonSchema).properties as { action: { const: string } }).action.const,
      ref: (((c.then as JsonSchema).properties as { input: { $ref: string } }).input.$ref),
    }))
    const names = checkedActions.map((a) => a.name).sort()
    expect(conditions.map((c) => c.name)).toEqual(names)
    for (const c of conditions) {
      expect(c.ref).toBe(`#/$defs/${inputDefKey(c.name)}`)
      expect(defs[inputDefKey(c.name)]).toBeDefined()
    }
    const inputDefs = Object.keys(defs).filter((k) => k.endsWith('.input'))
    expect(inputDefs.sort()).toEqual(names.map(inputDefKey).sort())
  })

  it('is a valid draft 2020-12 schema', () => {
    const ajv = createAjv()
    expect(ajv.validateSchema(schema)).toBe(true)
  })

  it('every field has a description (editors show them)', () => {
    const missing: string[] = []
    const visit = (node: unknown, path: string, depth: number): void => {
      if (!node || typeof node !== 'object' || depth === 0) return
      const n = node as JsonSchema
      for (const [key, prop] of Object.entries((n.properties as Record<string, JsonSchema> | undefined) ?? {})) {
        if (typeof prop.description !== 'string' || prop.description.length < 8) missing.push(`${path}.${key}`)
        visit(prop, `${path}.${key}`, depth - 1)
      }
      for (const key of ['items', 'additionalProperties']) visit(n[key], `${path}/${key}`, depth)
      for (const key of ['anyOf', 'allOf', 'oneOf']) if (Array.isArray(n[key])) (n[key] as unknown[]).forEach((b, i) => visit(b, `${path}/${key}/${i}`, depth))
    }
    // The scenario's own fields, at every depth.
    visit(schema, '#', Infinity)
    for (const [key, def] of Object.entries(defs)) if (!key.endsWith('.input')) visit(def, `#/$defs/${key}`, Infinity)
    // Each action's input members, the level authors write (nested shapes are the registry's detail).
    for (const [key, def] of Object.entries(defs)) if (key.endsWith('.input')) visit(def, `#/$defs/${key}`, 1)
    expect(missing).toEqual([])
  })
})

describe('the published schema and the loader agree', () => {
  const full = createAjv().compile(schema)
  const lazy = scenarioValidator()
  const docs: Record<string, unknown> = {
    minimal: { name: 'x', steps: [{ action: 'iam.listUsers' }] },
    templatedNumber: { name: 'x', vars: { d: 900 }, steps: [{ action: 'sts.assumeRole', input: { RoleArn: '${{ arn }}', RoleSessionName: 's1', DurationSeconds: '${{ d }}' } }] },
    templatedPattern: { name: 'x', steps: [{ action: 'iam.createUser', input: { UserName: 'u-${{ run.id }}' } }] },
    policyAsMap: { name: 'x', steps: [{ action: 'iam.createPolicy', input: { PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [] } } }] },
    badNumber: { name: 'x', steps: [{ action: 'sts.assumeRole', input: { RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 's1', DurationSeconds: 'abc' } }] },
    badPattern: { name: 'x', steps: [{ action: 'iam.createUser', input: { UserName: 'has space' } }] },
    unknownInputKey: { name: 'x', steps: [{ action: 'iam.createUser', input: { UserName: 'u', Nope: 1 } }] },
    missingInputKey: { name: 'x', steps: [{ action: 'iam.createUser', input: {} }] },
    uncheckedFree: { name: 'x', steps: [{ action: 'iam.listOpenIDConnectProviders', input: { Anything: [1, 2] } }] },
    badBecause: { name: 'x', steps: [{ action: 'iam.listUsers', expect: { error: 'AccessDenied', because: 'why' } }] },
    unknownTopKey: { name: 'x', steps: [{ action: 'iam.listUsers' }], extra: 1 },
    outputChecks: { name: 'x', steps: [{ action: 'iam.listUsers', expect: { output: { 'Users[*].UserName': { contains: 'a' }, IsTruncated: false, 'Users.0': { equals: { exists: 1 } } } } }] },
    twoChecks: { name: 'x', steps: [{ action: 'iam.listUsers', expect: { output: { IsTruncated: { exists: true, matches: 'x' } } } }] },
    identities: { name: 'x', identities: { r: { assume: '${{ a }}', from: 'demo', duration: '${{ d }}' } }, steps: [{ action: 'iam.listUsers' }] },
    badDuration: { name: 'x', identities: { r: { assume: 'arn', duration: 60 } }, steps: [{ action: 'iam.listUsers' }] },
  }
  for (const [name, doc] of Object.entries(docs)) {
    it(`${name}: same verdict`, () => {
      const fullValid = full(doc) === true
      const lazyProblems = lazy.validate(doc)
      expect(lazyProblems.length === 0).toBe(fullValid)
      const expectedValid = !/^(bad|unknown|missing|two)/.test(name)
      expect(fullValid).toBe(expectedValid)
    })
  }

  it('the example scenario is valid against the published schema', async () => {
    const doc = parse(await readFile('scenarios/assume-role.yaml', 'utf8'))
    expect(full(doc)).toBe(true)
  })
})
