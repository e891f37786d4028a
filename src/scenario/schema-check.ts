import { createRequire } from 'node:module'
import type { ErrorObject, ValidateFunction } from 'ajv'
import type { Ajv2020 } from 'ajv/dist/2020.js'
import type { JsonSchema } from '../actions/define-action.js'
import { isPlainObject } from './template.js'
import { describeAjvErrors, type SchemaProblem } from './ajv-messages.js'
import { TEMPLATE_DEF } from './allow-templates.js'
import type { DocPath } from './locator.js'
import { buildScenarioSchema, inputDefKey } from './schema.js'

/** A compiled scenario schema: checks whole documents and single action inputs. */
export interface ScenarioValidator {
  /** Problems of a whole document (empty when valid). */
  validate(data: unknown): SchemaProblem[]
  /** Problems of one checked action's input at `path` (empty when valid or unchecked). */
  validateInput(action: string, input: unknown, path: DocPath): SchemaProblem[]
}

let shared: ScenarioValidator | undefined

/** The validator of the registry's schema, built once per process. */
export function scenarioValidator(): ScenarioValidator {
  shared ??= compileScenarioSchema(buildScenarioSchema())
  return shared
}

/** ajv set up for scenario schemas (draft 2020-12, all errors, Unicode patterns). */
export function createAjv(): Ajv2020 {
  // Required when first used, not imported: a run validates with the precompiled validators
  // (precompiled.ts) and never pays for loading ajv's compiler (issue 19, cold start).
  const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')
  // No code optimisation passes: they halve compile time, and a CLI compiles more than it validates.
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true, unicodeRegExp: true, code: { optimize: false } })
  ajv.addVocabulary(['patternErrorMessage', 'markdownDescription'])
  return ajv
}

/**
 * Validates with the same rules as `schema` (the published scenario schema) at a fraction of the
 * start-up cost: the document's skeleton is compiled without the per-action `if`/`then`
 * branches, and each checked action's input schema is compiled the first time a step uses it,
 * then applied to that step's `input`. Gives the same problems as validating with the full schema.
 * (`precompiledValidator` in precompiled.ts does the same with code generated ahead of time.)
 */
export function compileScenarioSchema(schema: JsonSchema): ScenarioValidator {
  const ajv = createAjv()
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>
  const skeletonDefs: Record<string, JsonSchema> = {}
  for (const [key, def] of Object.entries(defs)) if (!isInputDef(key)) skeletonDefs[key] = def
  const { allOf: _conditions, ...bareStep } = defs.step ?? {}
  skeletonDefs.step = bareStep
  const validateDoc = ajv.compile({ ...schema, $defs: skeletonDefs })
  const inputs = new Map<string, ValidateFunction>()
  const inputCheck = (action: string): ValidateFunction | undefined => {
    const key = inputDefKey(action)
    const def = defs[key]
    if (!def) return undefined
    let check = inputs.get(key)
    if (!check) {
      check = ajv.compile({ ...def, $schema: schema.$schema as string | undefined, $defs: { [TEMPLATE_DEF]: defs[TEMPLATE_DEF] } } as JsonSchema)
      inputs.set(key, check)
    }
    return check
  }
  return scenarioValidatorOf(validateDoc, inputCheck)
}

/** A validating function as ajv compiles or generates it: false leaves ajv's errors in `errors`. */
export interface CheckFunction {
  (data: unknown): boolean
  errors?: ErrorObject[] | null
}

/**
 * The scenario checks around a document validator (the skeleton) and the input validator of each
 * checked action (`inputCheck` gives undefined for an unchecked or unknown action).
 */
export function scenarioValidatorOf(validateDoc: CheckFunction, inputCheck: (action: string) => CheckFunction | undefined): ScenarioValidator {
  const validateInput = (action: string, input: unknown, path: DocPath): SchemaProblem[] => {
    const check = inputCheck(action)
    if (!check) return []
    return check(input) ? [] : describeAjvErrors(check.errors ?? [], path)
  }

  return {
    validateInput,
    validate(data) {
      const problems = validateDoc(data) ? [] : describeAjvErrors(validateDoc.errors ?? [])
      const steps = isPlainObject(data) && Array.isArray(data.steps) ? data.steps : []
      steps.forEach((step, i) => {
        if (!isPlainObject(step) || typeof step.action !== 'string') return
        // A non-mapping input is already reported by the skeleton.
        const input = step.input ?? {}
        if (!isPlainObject(input)) return
        let found = validateInput(step.action, input, ['steps', i, 'input'])
        // A step that expects an error may send values outside AWS's limits: that is how a lab
        // shows AWS's own ValidationError. Unknown or missing members and wrong types still count.
        if (isPlainObject(step.expect) && typeof step.expect.error === 'string') found = found.filter((p) => !LIMIT_KEYWORDS.has(p.keyword))
        problems.push(...found)
      })
      return problems
    },
  }
}

/** Constraints on a value's range or form (not on its type or presence). */
const LIMIT_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'enum', 'const', 'minItems', 'maxItems', 'format', 'multipleOf', 'anyOf'])

function isInputDef(key: string): boolean {
  return key.endsWith('.input') && key.includes('.') && key !== TEMPLATE_DEF
}
