import type { JsonSchema } from '../actions/define-action.js'
import { OUTPUT_PATH_PATTERN } from './output-path.js'
import { NAME_PATTERN, STEP_ID_PATTERN } from './names.js'

/** The scenario's own building blocks (everything except actions' inputs), with descriptions. */

export const BECAUSE_VALUES = ['implicitDeny', 'explicitDeny', 'trustPolicy', 'permissionsBoundary', 'sessionPolicy', 'resourcePolicy'] as const

/** An account name: lower-case letters, digits and -, starting with a letter (at most 32). */
export const ACCOUNT_NAME_PATTERN = '^[a-z][a-z0-9-]{0,31}$'

function accountRef(description: string): JsonSchema {
  return { type: 'string', pattern: ACCOUNT_NAME_PATTERN, patternErrorMessage: 'must be an account name declared under accounts:', description }
}

export const nameRef = (description: string): JsonSchema => ({
  type: 'string',
  pattern: NAME_PATTERN,
  patternErrorMessage: 'must be a name: a letter or _ followed by letters, digits, _ or -',
  description,
})

const outputCheck: JsonSchema = {
  description:
    'What the value at this output path must be: a plain value (deep equality), or exactly one check: { equals: value }, { exists: true|false }, { matches: regex }, { contains: value }.',
  if: { type: 'object', anyOf: [{ required: ['equals'] }, { required: ['exists'] }, { required: ['matches'] }, { required: ['contains'] }] },
  then: {
    type: 'object',
    maxProperties: 1,
    additionalProperties: false,
    properties: {
      equals: { description: 'The value must equal this (deep equality; use it to compare with a map that has a key named like a check).' },
      exists: { type: 'boolean', description: 'true: the path must hold a value; false: the output must not have it.' },
      matches: { type: 'string', minLength: 1, description: 'A regular expression (JavaScript syntax, or /regex/flags) the value, as text, must match.' },
      contains: { description: 'A list must have an element equal to this; a string must contain this text.' },
    },
  },
}

export const expectSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'The outcome the step must have. Absent: the call must succeed.',
  properties: {
    error: {
      type: 'string',
      pattern: '^[A-Za-z][A-Za-z0-9.]*$',
      patternErrorMessage: 'must be an AWS error code such as AccessDenied or NoSuchEntity',
      description: 'The AWS error code the call must fail with (AccessDenied, NoSuchEntity, MalformedPolicyDocument, ...).',
    },
    message: {
      type: 'string',
      minLength: 1,
      description: 'Text the error message must contain, or /regex/flags it must match. Needs error.',
    },
    because: {
      enum: [...BECAUSE_VALUES],
      description:
        'Which kind of policy decided the denial: implicitDeny (no identity-based policy allows it), explicitDeny (a Deny statement matched), trustPolicy (the role trust policy does not allow the caller), permissionsBoundary, sessionPolicy or resourcePolicy (e.g. a bucket policy) when that policy did not allow (or denied) it. Needs error.',
    },
    output: {
      type: 'object',
      description: 'Checks on the successful output: output path (User.Arn, Buckets[0].Name, Buckets[*].Name) -> expected value or check.',
      propertyNames: { pattern: OUTPUT_PATH_PATTERN, patternErrorMessage: 'must be an output path such as User.Arn or Buckets[0].Name' },
      additionalProperties: outputCheck,
    },
  },
  dependentRequired: { message: ['error'], because: ['error'] },
}

export const undoCallSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  description: 'A call that reverses this step, recorded when the step succeeds and replayed at teardown.',
  properties: {
    action: { type: 'string', description: 'The action to call at teardown (e.g. iam.deleteRole).' },
    input: {
      type: 'object',
      description: "Its input. Templates may use this step's own captures as well as earlier names.",
    },
  },
}

export const stepProperties = (actionSchema: JsonSchema): Record<string, JsonSchema> => ({
  id: {
    type: 'string',
    pattern: STEP_ID_PATTERN,
    patternErrorMessage: 'must start with a letter or digit and use only letters, digits, ., _ or -',
    description: 'Unique id of the step (used in the plan, the ledger and reports). Default: step-<number>.',
  },
  name: { type: 'string', minLength: 1, description: 'A human title for the step, shown in the plan and reports.' },
  action: actionSchema,
  input: {
    type: 'object',
    description: 'The input of the call, as the AWS API names it (RoleName, PolicyDocument, ...). Policy documents may be YAML maps. Values may use ${{ name }} templates.',
  },
  as: nameRef('The identity that makes the call: operator (the default), a name given by an earlier step\'s identity:, or one from identities:.'),
  account: accountRef('The declared account (accounts:) the step acts in: its operator makes the call (unless as: names an identity) and its operator undoes what the step creates. Default: the default account.'),
  identity: nameRef('Name the credentials this step returns (createAccessKey, assumeRole, getSessionToken) so later steps can act as: this name.'),
  expect: expectSchema,
  capture: {
    type: 'object',
    description: 'Values to keep from the output: name -> output path (User.Arn, Credentials.AccessKeyId, Buckets[0].Name). Later steps use ${{ name }}.',
    propertyNames: { pattern: NAME_PATTERN, patternErrorMessage: 'must be a name: a letter or _ followed by letters, digits, _ or -' },
    additionalProperties: { type: 'string', pattern: OUTPUT_PATH_PATTERN, patternErrorMessage: 'must be an output path such as User.Arn or Buckets[0].Name' },
  },
  undo: {
    description: 'Override or supply what teardown calls to reverse this step: one call or a list of calls.',
    anyOf: [undoCallSchema, { type: 'array', minItems: 1, items: undoCallSchema }],
  },
  teardown: {
    type: 'boolean',
    description: 'false keeps what this step creates after the run (the plan shows it as kept). Default: true.',
  },
  retry: {
    type: 'object',
    additionalProperties: false,
    description: 'How long to retry this step while IAM changes propagate.',
    properties: {
      window: {
        type: 'number',
        minimum: 0,
        maximum: 900,
        description: 'Propagation window in seconds (0: no propagation retries). Default: 0 on the emulator, 60 on AWS.',
      },
    },
  },
})

export const identityDeclSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'An identity obtained the first time a step acts as it: by assuming a role (assume:), or, on the emulator only, by impersonating an existing role or user (impersonate:). Exactly one of the two.',
  properties: {
    assume: { type: 'string', minLength: 1, description: 'ARN of the role to assume (usually a template: ${{ roleArn }}).' },
    impersonate: {
      type: 'string',
      minLength: 1,
      description:
        'EMULATOR ONLY (needs requires: emulator; --target aws refuses it): ARN of an existing role or user of the default account (e.g. one loaded from snapshot:) to act as, without its credentials and without asking its trust policy. A role acts as an assumed-role session of it, so its own policies and boundary decide.',
    },
    from: nameRef('The identity that calls AssumeRole: operator (the default), a step identity or another declared identity (role chaining).'),
    account: accountRef('The declared account (accounts:) whose operator assumes the role when from: is not given.'),
    duration: {
      anyOf: [{ type: 'integer', minimum: 900, maximum: 43200 }, { $ref: '#/$defs/template' }],
      description: 'DurationSeconds of the session (900..43200; at most 3600 when chaining roles).',
    },
    sessionName: {
      anyOf: [{ type: 'string', minLength: 2, maxLength: 64, pattern: '^[\\w+=,.@-]*$' }, { $ref: '#/$defs/template' }],
      description: 'RoleSessionName (2..64 characters of letters, digits and +=,.@_-). Default: iamflow-<identity>.',
    },
    externalId: {
      anyOf: [{ type: 'string', minLength: 2, maxLength: 1224, pattern: '^[\\w+=,.@:/-]*$' }, { $ref: '#/$defs/template' }],
      description: 'ExternalId the trust policy may require.',
    },
  },
}

/** The top-level `accounts:` block. */
export const accountsSchema: JsonSchema = {
  type: 'object',
  maxProperties: 10,
  description:
    'Further AWS accounts the scenario acts in, by name (the default account stays implicit; at most 10): name -> { id, profile }. Steps and identities say account: NAME; templates use ${{ accounts.NAME.id }}.',
  propertyNames: { pattern: ACCOUNT_NAME_PATTERN, patternErrorMessage: 'must be an account name: a lower-case letter, then lower-case letters, digits or - (at most 32)' },
  additionalProperties: {
    type: ['object', 'null'],
    additionalProperties: false,
    description: 'One named account.',
    properties: {
      id: {
        type: 'string',
        pattern: '^[0-9]{12}$',
        patternErrorMessage: 'must be a 12-digit AWS account ID in quotes, e.g. "222222222222"',
        description: "The account's 12-digit id: on real AWS the credentials of its profile must belong to it (its guard); an embedded emulator creates the account with this id. Quote it.",
      },
      profile: {
        type: 'string',
        minLength: 1,
        description: "--target aws: the named profile whose credentials act as this account's operator (--account-profile NAME=PROFILE overrides it).",
      },
    },
  },
}
