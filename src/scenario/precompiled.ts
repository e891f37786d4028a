import { isPlainObject } from './template.js'
import { scenarioValidatorOf, type CheckFunction, type ScenarioValidator } from './schema-check.js'
import { documentValidator, inputValidators } from './validators/index.generated.js'

/** Generated validators loaded in this process, by action ('' for the document's). */
const loaded = new Map<string, CheckFunction>()

async function load(key: string, module: () => Promise<{ validate: CheckFunction }>): Promise<void> {
  if (!loaded.has(key)) loaded.set(key, (await module()).validate)
}

/**
 * The scenario validator made of code generated ahead of time (scripts/gen-validators.mjs, from
 * the published schema): the same checks and the same problems as `scenarioValidator()`, without
 * compiling the schema when a command starts (issue 19, cold start). Each checked action's input
 * validator is a module of its own; those of `actions` are loaded here (see `actionsNamedIn`).
 */
export async function precompiledValidator(actions: Iterable<string>): Promise<ScenarioValidator> {
  const wanted = [...new Set(actions)].filter((a) => Object.hasOwn(inputValidators, a))
  await Promise.all([load('', documentValidator), ...wanted.map((a) => load(a, inputValidators[a]!))])
  const inputCheck = (action: string): CheckFunction | undefined => {
    if (!Object.hasOwn(inputValidators, action)) return undefined
    const check = loaded.get(action)
    if (!check) throw new Error(`internal error: the input validator of ${action} was not loaded (actionsNamedIn missed it)`)
    return check
  }
  return scenarioValidatorOf(loaded.get('')!, inputCheck)
}

/**
 * Every action name a scenario document gives whose input the checks validate: each step's
 * `action` and the `action` of each call in its `undo`.
 */
export function actionsNamedIn(data: unknown): string[] {
  const names: string[] = []
  const steps = isPlainObject(data) && Array.isArray(data.steps) ? data.steps : []
  for (const step of steps) {
    if (!isPlainObject(step)) continue
    if (typeof step.action === 'string') names.push(step.action)
    const undo = Array.isArray(step.undo) ? step.undo : [step.undo]
    for (const call of undo) if (isPlainObject(call) && typeof call.action === 'string') names.push(call.action)
  }
  return names
}
