import type { JsonSchema } from './define-action.js'

/**
 * Policy documents in scenarios: a YAML map (the readable form) or a JSON string. Actions send
 * JSON text; IAM returns stored documents URL-encoded, which actions decode back into objects so
 * a scenario can check `Role.AssumeRolePolicyDocument.Statement.0.Effect`.
 */

/** What a scenario may give for a policy document member. */
export type PolicyDocumentInput = string | Record<string, unknown>

/** A decoded document in output: the parsed object, or the text when it is not JSON. */
export type PolicyDocumentValue = Record<string, unknown> | string

/** AWS's character set for policy document parameters (botocore `policyDocumentType`). */
const policyTextPattern = '^[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+$'

/**
 * Input fragment for a policy document member: an object (sent as JSON) or JSON text.
 * `maxLength` is the model's parameter limit; the real size quota is AWS's to enforce.
 */
export function policyDocumentSchema(description: string, maxLength = 131072): JsonSchema {
  return {
    description: `${description} A YAML map (sent as JSON), a JSON string, or { file: path } naming a .json/.yaml file beside the scenario.`,
    anyOf: [
      {
        type: 'object',
        description: 'A policy document read from a JSON or YAML file, relative to the scenario',
        properties: { file: { type: 'string', minLength: 1, pattern: '\\.(json|ya?ml)$', description: 'Path relative to the scenario file, inside its directory' } },
        required: ['file'],
        additionalProperties: false,
      },
      { type: 'object', description: 'Policy document as a map: Version, Statement, ...' },
      { type: 'string', minLength: 1, maxLength, pattern: policyTextPattern, description: 'Policy document as JSON text' },
    ],
  }
}

/** Output fragment for a decoded policy document. */
export const policyDocumentOutput: JsonSchema = {
  description: 'Policy document, URL-decoded and parsed from JSON (text if it is not JSON)',
  anyOf: [{ type: 'object' }, { type: 'string' }],
}

/** The JSON text to send for a document member (strings pass through untouched). */
export function toPolicyText(doc: PolicyDocumentInput): string
export function toPolicyText(doc: PolicyDocumentInput | undefined): string | undefined
export function toPolicyText(doc: PolicyDocumentInput | undefined): string | undefined {
  if (doc === undefined || typeof doc === 'string') return doc
  return JSON.stringify(doc)
}

/**
 * Decode a document as IAM returns it (RFC 3986 URL-encoded JSON) into an object. Tolerates text
 * that is not encoded (some endpoints return plain JSON) and returns the text itself when it is
 * not JSON, so nothing is lost.
 */
export function decodePolicyDocument(text: string): PolicyDocumentValue
export function decodePolicyDocument(text: string | undefined): PolicyDocumentValue | undefined
export function decodePolicyDocument(text: string | undefined): PolicyDocumentValue | undefined {
  if (text === undefined) return undefined
  let decoded = text
  if (!text.trimStart().startsWith('{')) {
    try {
      decoded = decodeURIComponent(text)
    } catch {
      return text
    }
  }
  try {
    const parsed: unknown = JSON.parse(decoded)
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : decoded
  } catch {
    return decoded
  }
}

/**
 * An SDK input type whose document members `K` also accept a map (the scenario form); optional
 * members stay optional.
 */
export type WithDocuments<T, K extends keyof T> = Omit<T, K> & {
  [P in K as undefined extends T[P] ? never : P]: PolicyDocumentInput
} & {
  [P in K as undefined extends T[P] ? P : never]?: PolicyDocumentInput
}

/** An SDK output type whose document members `K` are decoded (see `decodePolicyDocument`). */
export type Decoded<T, K extends keyof T> = Omit<T, K> & { [P in K]?: PolicyDocumentValue }
