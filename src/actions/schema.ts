import type { JsonSchema } from './define-action.js'

/**
 * Small builders for the JSON Schema fragments actions declare. Input schemas come from AWS's
 * model (model-input.ts); output fragments are closed, so a capture path naming a member that
 * cannot exist is rejected before anything runs.
 */

/** Attach an editor-visible description to a fragment (returns a new object). */
export function describe(fragment: JsonSchema, description: string): JsonSchema {
  return { ...fragment, description }
}

/** A closed object of known members (output side: nothing is required). */
export function obj(properties: Record<string, JsonSchema>, description?: string): JsonSchema {
  const schema: JsonSchema = { type: 'object', properties, additionalProperties: false }
  if (description !== undefined) schema.description = description
  return schema
}

/** A list whose elements follow `items`. */
export function list(items: JsonSchema, description?: string): JsonSchema {
  const schema: JsonSchema = { type: 'array', items }
  if (description !== undefined) schema.description = description
  return schema
}

/** A string->value map (tags-like maps, S3 metadata). */
export function map(values: JsonSchema, description?: string): JsonSchema {
  const schema: JsonSchema = { type: 'object', additionalProperties: values }
  if (description !== undefined) schema.description = description
  return schema
}

/** Output-side leaf types. */
export const str: JsonSchema = { type: 'string' }
export const int: JsonSchema = { type: 'integer' }
export const num: JsonSchema = { type: 'number' }
export const bool: JsonSchema = { type: 'boolean' }
/** A timestamp: the SDK returns a `Date`, so no JSON type is claimed. */
export const timestamp: JsonSchema = { description: 'Timestamp (a Date in SDK output; ISO-8601 when printed)' }
/** Anything (a decoded policy document, an unchecked member). */
export const anything: JsonSchema = {}

/** The SDK's response metadata, present on every output. */
export const responseMetadata: JsonSchema = obj(
  {
    httpStatusCode: int,
    requestId: str,
    extendedRequestId: str,
    cfId: str,
    attempts: int,
    totalRetryDelay: int,
  },
  'SDK response metadata',
)

/** The output schema of an action: its members plus `$metadata`. */
export function outputSchema(properties: Record<string, JsonSchema>): JsonSchema {
  return obj({ ...properties, $metadata: responseMetadata })
}

/** Input-side timestamp: ISO-8601 text in the scenario, sent to the SDK as a `Date` (see `withDates`). */
export function isoTimestamp(): JsonSchema {
  return { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?)?$' }
}

/** `isoTimestamp` with a description (the ISO-8601 form is appended). */
export function timestampInput(description: string): JsonSchema {
  return { ...isoTimestamp(), description: `${description} ISO-8601, e.g. 2030-01-01T00:00:00Z.` }
}

/** An SDK input type whose timestamp members `K` may be given as ISO-8601 text. */
export type WithTimestamps<T, K extends keyof T> = Omit<T, K> & { [P in K]?: string | Date }

/**
 * A copy of `input` with the timestamp members `keys` turned into `Date`s: the SDK formats a
 * `Date` per protocol (HTTP-date in S3 headers) but would send a string as written.
 */
export function withDates<T extends object, K extends keyof T & string>(input: T, keys: readonly K[]): Omit<T, K> & { [P in K]?: Date } {
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) }
  for (const key of keys) {
    const value = out[key]
    if (typeof value === 'string') out[key] = new Date(value)
  }
  return out as Omit<T, K> & { [P in K]?: Date }
}
