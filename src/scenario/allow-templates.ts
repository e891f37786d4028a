import type { JsonSchema } from '../actions/define-action.js'

/** `$defs` key of the template alternative added by `allowTemplates`. */
export const TEMPLATE_DEF = 'template'

/** The schema of a value that holds a `${{ name }}` template (checked when the step runs). */
export const templateSchema: JsonSchema = {
  type: 'string',
  pattern: '\\$\\{\\{',
  description: 'A value holding a ${{ name }} template: checked once the template is resolved, when the step runs.',
}

const TEMPLATE_REF: JsonSchema = { $ref: `#/$defs/${TEMPLATE_DEF}` }

/** Keys that only annotate a schema; a node with nothing else accepts any value. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'default', '$comment', 'deprecated', 'readOnly', 'writeOnly', 'markdownDescription'])

/**
 * Rewrites an action's input fragment so that every constrained value may also be a string
 * holding a `${{ }}` template (`DurationSeconds: "${{ duration }}"`, `RoleName: "app-${{ run.id }}"`):
 * such a value is checked after interpolation, when the step runs. Returns a new schema.
 */
export function allowTemplates(schema: JsonSchema): JsonSchema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema
  const out = allowTemplatesInside(schema)
  if (Array.isArray(out.anyOf)) {
    if (out.anyOf.some((b) => (b as JsonSchema).$ref === TEMPLATE_REF.$ref || acceptsAnyString(b as JsonSchema))) return out
    return { ...out, anyOf: [...out.anyOf, TEMPLATE_REF] }
  }
  if (!constrains(out) || acceptsAnyString(out)) return out
  const { description, ...rest } = out
  const wrapped: JsonSchema = { anyOf: [rest, TEMPLATE_REF] }
  if (description !== undefined) wrapped.description = description
  return wrapped
}

/**
 * Like `allowTemplates`, for everything below the node but not the node itself (an action's
 * `input` must stay a mapping; its members may be templates).
 */
export function allowTemplatesInside(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema }
  if (isObject(out.properties)) out.properties = mapValues(out.properties, allowTemplates)
  if (isObject(out.patternProperties)) out.patternProperties = mapValues(out.patternProperties, allowTemplates)
  if (isObject(out.additionalProperties)) out.additionalProperties = allowTemplates(out.additionalProperties)
  if (isObject(out.items)) out.items = allowTemplates(out.items)
  if (Array.isArray(out.prefixItems)) out.prefixItems = out.prefixItems.map((s) => allowTemplates(s as JsonSchema))
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (Array.isArray(out[key])) out[key] = (out[key] as JsonSchema[]).map((s) => allowTemplatesInside(s))
  }
  return out
}

/** True when the node checks anything at all (not only annotations). */
function constrains(node: JsonSchema): boolean {
  return Object.keys(node).some((k) => !ANNOTATIONS.has(k))
}

/** A plain `{ type: 'string' }` (annotations aside) already accepts every template. */
function acceptsAnyString(node: JsonSchema): boolean {
  if (node.type !== 'string') return false
  return Object.keys(node).every((k) => k === 'type' || ANNOTATIONS.has(k))
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function mapValues(obj: JsonSchema, fn: (s: JsonSchema) => JsonSchema): JsonSchema {
  const out: JsonSchema = {}
  for (const [k, v] of Object.entries(obj)) out[k] = fn(v as JsonSchema)
  return out
}
