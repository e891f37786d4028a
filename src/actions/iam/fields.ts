import type { JsonSchema } from '../define-action.js'

/**
 * IAM input member fragments with the model's constraints (botocore `iam/2010-05-08`).
 * AWS matches a member's pattern against the whole value, so every pattern here is anchored.
 * Attach the member's own wording with `describe(fragment, text)`.
 */

const namePattern = '^[\\w+=,.@-]+$'

function name(maxLength: number): JsonSchema {
  return { type: 'string', minLength: 1, maxLength, pattern: namePattern }
}

/** A user name being created (1..64). */
export const userName = name(64)
/** An existing user's name (AWS accepts up to 128 where the user already exists). */
export const existingUserName = name(128)
export const roleName = name(64)
export const groupName = name(128)
export const policyName = name(128)

/** Any ARN parameter (`PolicyArn`, `PermissionsBoundary`, `PolicySourceArn`). */
export const arn: JsonSchema = { type: 'string', minLength: 20, maxLength: 2048 }

/** Path of a user, role or group: `/` alone, or starting and ending with `/`. */
export const path: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 512,
  pattern: '^((\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F))$',
}
/** Path of a managed policy. */
export const policyPath: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 512,
  pattern: '^((/[A-Za-z0-9\\.,\\+@=_-]+)*)/$',
}
/** `PathPrefix` of the user, role and group listings. */
export const pathPrefix: JsonSchema = { type: 'string', minLength: 1, maxLength: 512, pattern: '^\\u002F[\\u0021-\\u007F]*$' }

export const accessKeyId: JsonSchema = { type: 'string', minLength: 16, maxLength: 128, pattern: '^[\\w]+$' }
export const accessKeyStatus: JsonSchema = { type: 'string', enum: ['Active', 'Inactive', 'Expired'] }
export const policyVersionId: JsonSchema = { type: 'string', pattern: '^v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?$' }
export const roleDescription: JsonSchema = {
  type: 'string',
  maxLength: 1000,
  pattern: '^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*$',
}
export const policyDescription: JsonSchema = { type: 'string', maxLength: 1000 }
export const maxSessionDuration: JsonSchema = { type: 'integer', minimum: 3600, maximum: 43200 }
export const password: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  pattern: '^[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+$',
}
export const boolean: JsonSchema = { type: 'boolean' }

/** Pagination: `Marker` from a previous truncated response. */
export const marker: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 320,
  pattern: '^[\\u0020-\\u00FF]+$',
  description: 'Marker from a previous truncated response (its Marker member).',
}
/** Pagination: page size. */
export const maxItems: JsonSchema = {
  type: 'integer',
  minimum: 1,
  maximum: 1000,
  description: 'Maximum number of items to return (1..1000, AWS default 100).',
}

/** One IAM tag. */
export const tag: JsonSchema = {
  type: 'object',
  properties: {
    Key: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+$', description: 'Tag key (case-insensitive; must not start with aws:)' },
    Value: { type: 'string', minLength: 0, maxLength: 256, pattern: '^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$', description: 'Tag value' },
  },
  required: ['Key', 'Value'],
  additionalProperties: false,
}
/** Up to 50 tags. */
export const tags: JsonSchema = { type: 'array', maxItems: 50, items: tag, description: 'Tags to attach (at most 50): a list of { Key, Value }.' }
/** Up to 50 tag keys. */
export const tagKeys: JsonSchema = {
  type: 'array',
  maxItems: 50,
  items: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+$' },
  description: 'Keys of the tags to remove (at most 50).',
}
