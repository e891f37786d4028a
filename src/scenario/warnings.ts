import { conditionKeyWarnings, type ScenarioWarning } from './condition-keys.js'
import { isPlainObject } from './template.js'
import type { Scenario } from './types.js'

export type { ScenarioWarning }

/**
 * What `iamflow validate` says about a valid scenario without refusing it: condition keys in
 * its inline policy documents (any input member holding a `Statement`) that look misspelt.
 */
export function scenarioWarnings(scenario: Scenario): ScenarioWarning[] {
  const out: ScenarioWarning[] = []
  for (const step of scenario.steps) {
    if (!isPlainObject(step.input)) continue
    for (const [member, value] of Object.entries(step.input)) {
      if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, 'Statement')) continue
      const base = ['steps', step.index, 'input', member]
      out.push(...conditionKeyWarnings({ doc: value, locate: (path, opts) => scenario.locate([...base, ...path], opts) }))
    }
  }
  return out
}

/** `file:line:column: warning [code]: message`. */
export function formatWarning(w: ScenarioWarning): string {
  const where = w.location ? `${w.location.file}:${w.location.line}:${w.location.column}: ` : ''
  return `${where}warning [${w.code}]: ${w.message}\n`
}
