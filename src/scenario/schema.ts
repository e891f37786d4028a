import type { ActionDefinition, JsonSchema } from '../actions/define-action.js'
import { checkedActions, listActionNames } from '../actions/registry.js'
import { allowTemplatesInside, TEMPLATE_DEF, templateSchema } from './allow-templates.js'
import { envSchema } from './env-vars.js'
import { NAME_PATTERN } from './names.js'
import { accountsSchema, identityDeclSchema, stepProperties } from './schema-fragments.js'

/** JSON Schema dialect of the generated schema (ajv's Ajv2020 validates it). */
export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'

/** `$defs` key of a checked action's input schema. */
export function inputDefKey(action: string): string {
  return `${action}.input`
}

/** What the schema is generated from; defaults to the registry. */
export interface SchemaSource {
  /** Checked actions: their input fragments are applied to `input` with if/then on `action`. */
  checked: ReadonlyArray<ActionDefinition>
  /** Every valid action name (checked and pass-through), for the `action` enum. */
  names: readonly string[]
}

/**
 * The scenario JSON Schema, generated from the action registry: the `action` enum lists every
 * action, and each checked action's input fragment applies to `input` when `action` names it.
 * Constrained input values may also be `${{ }}` templates. Every field has a description.
 */
export function buildScenarioSchema(source: SchemaSource = registrySource()): JsonSchema {
  // Code-unit order (not localeCompare): the generated file must not depend on the machine's locale.
  const checked = [...source.checked].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const defs: Record<string, JsonSchema> = { [TEMPLATE_DEF]: templateSchema }
  const conditions: JsonSchema[] = []
  for (const action of checked) {
    const key = inputDefKey(action.name)
    defs[key] = { ...allowTemplatesInside(action.input), description: action.description }
    const then: JsonSchema = { properties: { input: { $ref: `#/$defs/${key}` } } }
    conditions.push({ if: { properties: { action: { const: action.name } }, required: ['action'] }, then })
  }
  const actionSchema: JsonSchema = {
    type: 'string',
    enum: [...new Set(source.names)].sort(),
    description:
      'The AWS call: service prefix and SDK operation in lowerCamelCase (iam.createRole, sts.assumeRole, s3.listBuckets). `iamflow actions` lists them; checked actions validate their input and know their undo.',
  }
  const step: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['action'],
    description: 'One call, made in order: who makes it (as), what (action, input), what must happen (expect), what to keep (capture, identity), and how to reverse it (undo, teardown).',
    properties: stepProperties(actionSchema),
    allOf: conditions,
  }
  defs.step = step
  defs.identity = identityDeclSchema
  return {
    $schema: SCHEMA_DIALECT,
    title: 'iamflow scenario',
    description: 'An AWS IAM lab: named steps that call IAM, STS and S3, with expected outcomes, run against the iamflow emulator or AWS and torn down afterwards.',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'steps'],
    properties: {
      name: {
        type: 'string',
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
        patternErrorMessage: 'must start with a letter or digit and use only letters, digits, ., _ or -',
        description: 'Short name of the scenario (letters, digits, ., _, -); reports and resource tags use it.',
      },
      description: { type: 'string', description: 'What the lab shows, in a sentence or a paragraph.' },
      account: {
        type: 'string',
        pattern: '^[0-9]{12}$',
        patternErrorMessage: 'must be a 12-digit AWS account ID in quotes, e.g. "123456789012"',
        description: 'The default account\'s id: on real AWS the operator\'s credentials must belong to it (a safety pin), and a fresh embedded emulator acts in it. Quote it: "123456789012". Further accounts go under accounts:.',
      },
      accounts: accountsSchema,
      requires: {
        enum: ['emulator'],
        description: 'emulator: the lab runs only on the iamflow emulator (embedded or iamflow serve), e.g. because it uses iamflow.* actions such as iamflow.issueOidcToken; --target aws refuses it before any call.',
      },
      snapshot: {
        type: 'string',
        minLength: 1,
        pattern: '\\.json$',
        patternErrorMessage: 'must be the path of a JSON file (iamflow snapshot --output FILE.json)',
        description:
          'EMULATOR ONLY (needs requires: emulator): an account snapshot (iamflow snapshot, or the JSON of aws iam get-account-authorization-details), relative to this file. The run starts its emulator from it: the default account is the snapshot\'s, with its users, roles, groups, policies and buckets. Teardown never deletes them.',
      },
      uniqueNames: {
        type: 'boolean',
        description: 'true: every run gives the names this scenario creates (users, roles, groups, managed policies, instance profiles, buckets, virtual MFA devices, OIDC and SAML providers) a run-scoped suffix, as --unique-names does, so concurrent runs on one account do not collide; false: never (for a lab that must keep its literal names), even with --unique-names.',
      },
      vars: {
        type: 'object',
        description: 'Named values used as ${{ name }} in steps; `--var name=value` overrides them. A var may use ${{ }} of earlier vars, run.id, account.id and declared env.NAME.',
        propertyNames: { pattern: NAME_PATTERN, patternErrorMessage: 'must be a name: a letter or _ followed by letters, digits, _ or -' },
      },
      env: envSchema,
      identities: {
        type: 'object',
        description: 'Identities obtained by assuming a role when a step first acts as them: name -> { assume, from, duration, sessionName, externalId }.',
        propertyNames: { pattern: NAME_PATTERN, patternErrorMessage: 'must be a name: a letter or _ followed by letters, digits, _ or -' },
        additionalProperties: { $ref: '#/$defs/identity' },
      },
      steps: {
        type: 'array',
        minItems: 1,
        description: 'The calls to make, in order. Each step succeeds unless its expect: says otherwise.',
        items: { $ref: '#/$defs/step' },
      },
    },
    $defs: defs,
  }
}

function registrySource(): SchemaSource {
  return { checked: checkedActions, names: listActionNames() }
}
