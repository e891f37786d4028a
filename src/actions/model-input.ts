import { inputShape, jsPattern, type ModelService, type ModelShape, modelShape } from '../aws-model/shapes.js'
import type { JsonSchema } from './define-action.js'
import { memberDocs } from './member-docs.js'
import { isoTimestamp } from './schema.js'

/** What an action adds to the model's input shape. */
export interface ModelInputOptions {
  /**
   * Editor-visible descriptions, by member path: `RoleName`, or `Tags.Key` for a member of a
   * list's element or of a structure. Wins over the service's `docs`.
   */
  describe?: Record<string, string>
  /**
   * Members whose schema iamflow deliberately changes, each for a stated reason: policy
   * documents accepted as maps, AWS rules the model does not carry (bucket names), ...
   * The registry tests list every override, so none is silent.
   */
  override?: Record<string, JsonSchema>
  /** Members the installed SDK sends but the kept model does not know yet (newer than it). */
  sdkOnly?: Record<string, JsonSchema>
  /** Example values, by member (editors show them; tests use them as sample input). */
  examples?: Record<string, unknown>
}

/** The members each generated schema overrides or adds (for the registry tests). */
const deviations = new WeakMap<JsonSchema, { override: string[]; sdkOnly: string[] }>()

/** Which members of an input schema made by `modelInput` differ from the model, and which the model lacks. */
export function deviationsOf(schema: JsonSchema): { override: string[]; sdkOnly: string[] } | undefined {
  return deviations.get(schema)
}

/**
 * The input schema of an action, generated from AWS's model of the operation (src/aws-model:
 * members, required members, lengths, patterns, ranges and enums as AWS checks them) plus
 * what `opts` says. The schema is closed: a member the model does not have is an error.
 */
export function modelInput(service: ModelService, operation: string, opts: ModelInputOptions = {}): JsonSchema {
  const shape = inputShape(service, operation)
  if (!shape) throw new Error(`internal error: the ${service} model has no operation ${operation}`)
  const overrides = opts.override ?? {}
  for (const name of Object.keys(overrides)) {
    if (!Object.hasOwn(shape.members ?? {}, name)) throw new Error(`internal error: ${service}.${operation}: override of ${name}, which the model does not have`)
  }
  for (const name of Object.keys(opts.sdkOnly ?? {})) {
    if (Object.hasOwn(shape.members ?? {}, name)) throw new Error(`internal error: ${service}.${operation}: ${name} is in the model now: remove it from sdkOnly`)
  }
  const docs = memberDocs[service]
  const describe = (path: string) => (opts.describe && Object.hasOwn(opts.describe, path) ? opts.describe[path] : Object.hasOwn(docs, path) ? docs[path] : undefined)
  const properties: Record<string, JsonSchema> = {}
  for (const [name, shapeName] of Object.entries(shape.members ?? {})) {
    const given = Object.hasOwn(overrides, name) ? overrides[name] : undefined
    const schema = given ?? schemaOf(service, modelShape(service, shapeName), name, describe, 0)
    const description = describe(name)
    const example = opts.examples && Object.hasOwn(opts.examples, name) ? { examples: [opts.examples[name]] } : {}
    properties[name] = { ...schema, ...(description !== undefined && given?.description === undefined ? { description } : {}), ...example }
  }
  Object.assign(properties, opts.sdkOnly)
  const schema: JsonSchema = { type: 'object', properties, additionalProperties: false }
  if (shape.required?.length) schema.required = [...shape.required]
  deviations.set(schema, { override: Object.keys(overrides), sdkOnly: Object.keys(opts.sdkOnly ?? {}) })
  return schema
}

/** JSON Schema of one model shape; `path` names it for nested descriptions. */
function schemaOf(service: ModelService, s: ModelShape, path: string, describe: (path: string) => string | undefined, depth: number): JsonSchema {
  if (depth > 20) throw new Error(`internal error: the ${service} model nests ${path} too deep`)
  const nested = (name: string, shapeName: string): JsonSchema => {
    const schema = schemaOf(service, modelShape(service, shapeName), `${path}.${name}`, describe, depth + 1)
    const description = describe(`${path}.${name}`)
    return description === undefined ? schema : { ...schema, description }
  }
  switch (s.type) {
    case 'string': {
      const out: JsonSchema = { type: 'string' }
      if (s.enum) out.enum = [...s.enum]
      if (s.min !== undefined) out.minLength = s.min
      if (s.max !== undefined) out.maxLength = s.max
      if (s.pattern !== undefined) out.pattern = `^(?:${jsPattern(s.pattern)})$`
      return out
    }
    case 'integer':
    case 'long': {
      const out: JsonSchema = { type: 'integer' }
      if (s.min !== undefined) out.minimum = s.min
      if (s.max !== undefined) out.maximum = s.max
      return out
    }
    case 'float':
    case 'double':
      return { type: 'number' }
    case 'boolean':
      return { type: 'boolean' }
    case 'timestamp':
      return isoTimestamp()
    case 'blob':
      return { type: 'string' }
    case 'list': {
      // A list is transparent in paths: `Tags.Key` is the Key of each element.
      const element = modelShape(service, s.member!)
      const items = element.type === 'structure' ? schemaOf(service, element, path, describe, depth + 1) : schemaOf(service, element, `${path}[]`, describe, depth + 1)
      const out: JsonSchema = { type: 'array', items }
      if (s.min !== undefined) out.minItems = s.min
      if (s.max !== undefined) out.maxItems = s.max
      return out
    }
    case 'map':
      return { type: 'object', additionalProperties: schemaOf(service, modelShape(service, s.value!), `${path}{}`, describe, depth + 1) }
    case 'structure': {
      const properties: Record<string, JsonSchema> = {}
      for (const [name, shapeName] of Object.entries(s.members ?? {})) properties[name] = nested(name, shapeName)
      const out: JsonSchema = { type: 'object', properties, additionalProperties: false }
      if (s.required?.length) out.required = [...s.required]
      return out
    }
  }
}

/**
 * JSON Schema of one named model shape (`policyNameType`), for the members the SDK knows but
 * the kept model does not: their parts that the model has keep its constraints.
 */
export function shapeSchema(service: ModelService, shapeName: string, description?: string): JsonSchema {
  const schema = schemaOf(service, modelShape(service, shapeName), shapeName, () => undefined, 0)
  return description === undefined ? schema : { ...schema, description }
}
