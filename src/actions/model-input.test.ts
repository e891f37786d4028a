import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { deviationsOf, modelInput, shapeSchema } from './model-input.js'
import { isPolicyDocumentSchema } from './testing/samples.js'
import { checkedActions } from './registry.js'

const ajv = new Ajv2020({ strict: true, allErrors: true })

describe('modelInput', () => {
  it("turns the model's constraints into a closed schema: lengths, patterns (whole value), ranges, enums, required", () => {
    const schema = modelInput('iam', 'CreateUser')
    expect(schema.required).toEqual(['UserName'])
    expect(schema.additionalProperties).toBe(false)
    const props = schema.properties as Record<string, Record<string, unknown>>
    expect(props.UserName).toMatchObject({ type: 'string', minLength: 1, maxLength: 64, pattern: '^(?:[\\w+=,.@-]+)$', description: 'Name of the IAM user.' })
    expect(props.Tags).toMatchObject({ type: 'array', maxItems: 50, items: { type: 'object', required: ['Key', 'Value'], additionalProperties: false } })
    const validate = ajv.compile(schema)
    expect(validate({ UserName: 'alice', Path: '/eng/' })).toBe(true)
    // The model's alternation is anchored as a whole: `/eng` matches neither branch entirely.
    expect(validate({ UserName: 'alice', Path: '/eng' })).toBe(false)
    expect(validate({ UserName: 'has space' })).toBe(false)
    expect(validate({ UserName: 'a'.repeat(65) })).toBe(false)
    expect(validate({ UserName: 'alice', Unknown: 1 })).toBe(false)
    expect(validate({})).toBe(false)
    expect(ajv.compile(modelInput('iam', 'UpdateAccessKey'))({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Paused' })).toBe(false)
    expect(ajv.compile(modelInput('sts', 'AssumeRole'))({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 's', DurationSeconds: 899 })).toBe(false)
  })

  it('reads supplementary code points of a model pattern as such (\\u10000 is one code point, not \\u1000 and 0)', () => {
    const validate = ajv.compile(modelInput('sts', 'AssumeRole'))
    expect(validate({ RoleArn: 'arn:aws:iam::123456789012:role/r\u{1F600}', RoleSessionName: 'ss' })).toBe(true)
    expect(validate({ RoleArn: 'arn:aws:iam::123456789012:role/r\u0001', RoleSessionName: 'ss' })).toBe(false)
  })

  it('describes nested members by path; an action wins over the shared words', () => {
    const schema = modelInput('iam', 'TagRole', { describe: { RoleName: 'mine' } }) as { properties: Record<string, any> }
    expect(schema.properties.RoleName.description).toBe('mine')
    expect(schema.properties.Tags.items.properties.Key.description).toBe('Tag key (case-insensitive; must not start with aws:)')
  })

  it('refuses overrides of members the model lacks and sdk-only members it has', () => {
    expect(() => modelInput('iam', 'CreateUser', { override: { Nope: {} } })).toThrow('iam.CreateUser: override of Nope, which the model does not have')
    expect(() => modelInput('iam', 'CreateUser', { sdkOnly: { Path: {} } })).toThrow('iam.CreateUser: Path is in the model now: remove it from sdkOnly')
    expect(() => modelInput('iam', 'CreateUsers')).toThrow('the iam model has no operation CreateUsers')
  })

  it('builds a named shape for members the model lacks', () => {
    expect(shapeSchema('iam', 'policyNameType', 'x')).toEqual({ type: 'string', minLength: 1, maxLength: 128, pattern: '^(?:[\\w+=,.@-]+)$', description: 'x' })
  })
})

describe('the checked actions against the model', () => {
  it('every input schema comes from the model', () => {
    // iamflow's own actions (emulator only) have no AWS model.
    expect(checkedActions.filter((a) => !a.emulatorOnly && deviationsOf(a.input) === undefined).map((a) => a.name)).toEqual([])
  })

  it('deviate only where iamflow must: policy documents as maps, ISO-8601 timestamps the SDK sends as Dates, S3 bucket names', () => {
    const odd: string[] = []
    for (const action of checkedActions) {
      const props = action.input.properties as Record<string, Record<string, unknown>>
      for (const member of deviationsOf(action.input)?.override ?? []) {
        const schema = props[member]!
        const items = schema.items as Record<string, unknown> | undefined
        const ok =
          isPolicyDocumentSchema(schema) ||
          (schema.type === 'array' && isPolicyDocumentSchema(items)) ||
          (member === 'Bucket' && action.service === 's3') ||
          (typeof schema.pattern === 'string' && schema.pattern.startsWith('^\\d{4}-\\d{2}-\\d{2}'))
        if (!ok) odd.push(`${action.name}.${member}`)
      }
    }
    expect(odd).toEqual([])
  })
})
