import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import type { ActionDefinition, JsonSchema } from './define-action.js'
import { sdkOperation } from './names.js'
import { checkedActions } from './registry.js'

const require = createRequire(import.meta.url)

/**
 * Member paths of an SDK command's input or output, read from the example in its `.d.ts`
 * (`User.Tags[].Key`; `[]` is a list element, `*` a map value).
 */
function sdkPaths(action: ActionDefinition, side: 'input' | 'output'): string[] {
  const op = sdkOperation(action.name)?.operation
  const dir = dirname(require.resolve(`@aws-sdk/client-${action.service}/package.json`))
  const text = readFileSync(join(dir, 'dist-types', 'commands', `${op}Command.d.ts`), 'utf8')
  const lines = text.split('\n')
  const prefix = side === 'input' ? ' * ' : ' * // '
  const start = lines.findIndex((l) => (side === 'input' ? /^ \* const input = \{ \/\/ \w+$/.test(l) : /^ \* \/\/ \{ \/\/ \w+$/.test(l)))
  if (start < 0) return []
  const paths: string[] = []
  const stack: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (line === `${prefix}};`) break
    const body = line.slice(prefix.length)
    const depth = (body.length - body.trimStart().length) / 2 - 1
    const trimmed = body.trim()
    const named = /^("?)([\w<>]+)\1: (.*)$/.exec(trimmed)
    if (named) {
      stack.length = depth
      stack[depth] = named[1] ? '*' : named[2]
      paths.push(stack.join('.'))
    } else if (trimmed.startsWith('{')) {
      stack.length = depth
      stack[depth] = '[]'
    }
  }
  return paths.map((p) => p.replace(/\.\[\]/g, '[]'))
}

/** Whether `schema` admits the member path (leaves without a declared structure admit anything below). */
function admits(schema: JsonSchema, path: string): boolean {
  let node: JsonSchema | undefined = schema
  for (const segment of path.replace(/\[\]/g, '.[]').split('.')) {
    if (!node) return false
    if (node.anyOf || (node.type === undefined && node.properties === undefined)) return true
    if (segment === '[]') node = node.items as JsonSchema | undefined
    else if (node.properties && segment in (node.properties as object)) node = (node.properties as Record<string, JsonSchema>)[segment]
    else if (node.additionalProperties && typeof node.additionalProperties === 'object') node = node.additionalProperties as JsonSchema
    else return false
  }
  return node !== undefined
}

const ajv = new Ajv2020({ strict: true, allErrors: true })

describe.each(checkedActions.map((a) => [a.name, a] as const))('%s schemas', (_name, action) => {
  // iamflow's own actions have no SDK command to compare with (their run is tested beside them).
  const sdk = action.emulatorOnly ? it.skip : it
  it('compile with ajv in strict mode', () => {
    expect(() => ajv.compile(action.input)).not.toThrow()
    expect(() => ajv.compile(action.output ?? {})).not.toThrow()
  })

  it('input is a closed object whose members all have descriptions', () => {
    expect(action.input.type).toBe('object')
    expect(action.input.additionalProperties).toBe(false)
    for (const [member, schema] of Object.entries(action.input.properties as Record<string, JsonSchema>)) {
      expect(typeof schema.description, member).toBe('string')
    }
    for (const member of (action.input.required as string[] | undefined) ?? []) expect(action.input.properties).toHaveProperty(member)
  })

  sdk('input has exactly the members of the SDK command input', () => {
    const top = sdkPaths(action, 'input').filter((p) => !p.includes('.') && !p.includes('['))
    expect(Object.keys(action.input.properties as object).sort()).toEqual(top.sort())
    for (const path of sdkPaths(action, 'input')) expect(admits(action.input, path), path).toBe(true)
  })

  sdk('output admits every member path of the SDK output, and $metadata', () => {
    expect(action.output).toBeDefined()
    const output = action.output as JsonSchema
    for (const path of sdkPaths(action, 'output')) expect(admits(output, path), path).toBe(true)
    expect(admits(output, '$metadata.requestId')).toBe(true)
    expect(admits(output, 'NoSuchMember')).toBe(false)
  })
})

describe('sdkPaths (the reader the checks above rely on)', () => {
  it('reads nested members, list elements and map values', () => {
    const getUser = checkedActions.find((a) => a.name === 'iam.getUser') as ActionDefinition
    expect(sdkPaths(getUser, 'output')).toContain('User.Tags[].Key')
    expect(sdkPaths(getUser, 'input')).toEqual(['UserName'])
    const summary = checkedActions.find((a) => a.name === 'iam.getAccountSummary') as ActionDefinition
    expect(sdkPaths(summary, 'output')).toEqual(['SummaryMap', 'SummaryMap.*'])
  })
})

describe('output paths a scenario captures', () => {
  it.each([
    ['iam.createUser', 'User.Arn'],
    ['iam.createRole', 'Role.Arn'],
    ['iam.getRole', 'Role.AssumeRolePolicyDocument.Statement'],
    ['iam.createPolicy', 'Policy.Arn'],
    ['iam.createAccessKey', 'AccessKey.AccessKeyId'],
    ['sts.assumeRole', 'Credentials.SessionToken'],
    ['sts.assumeRole', 'AssumedRoleUser.Arn'],
    ['sts.getCallerIdentity', 'Arn'],
    ['s3.listBuckets', 'Buckets[].Name'],
    ['s3.listBuckets', 'Owner.ID'],
    ['s3.getObject', 'Body'],
    ['s3.getBucketPolicy', 'Policy.Statement'],
    ['iam.simulatePrincipalPolicy', 'EvaluationResults[].EvalDecision'],
  ])('%s admits %s', (name, path) => {
    const action = checkedActions.find((a) => a.name === name) as ActionDefinition
    expect(admits(action.output as JsonSchema, path)).toBe(true)
  })

  it.each([
    ['iam.createUser', 'User.Arnn'],
    ['iam.createRole', 'Role.Policy'],
    ['sts.assumeRole', 'Credentials.Token'],
    ['s3.listBuckets', 'Buckets[].Id'],
  ])('%s rejects %s', (name, path) => {
    const action = checkedActions.find((a) => a.name === name) as ActionDefinition
    expect(admits(action.output as JsonSchema, path)).toBe(false)
  })
})
