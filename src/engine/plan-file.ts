import type { Scenario } from '../scenario/types.js'
import { parseVarOverrides } from '../scenario/vars.js'
import { buildPlan } from './plan.js'
import type { Plan } from './plan-types.js'

/** A scenario ready to run: its plan and the typed `--var` overrides it runs with. */
export interface PlannedFile {
  plan: Plan
  vars: Record<string, unknown>
}

/** Plan one chosen scenario with the `--var` pairs `chooseScenarios` gave it. */
export function planScenario(scenario: Scenario, pairs: readonly string[]): PlannedFile {
  const vars = parseVarOverrides(scenario.vars, pairs)
  return { plan: buildPlan(scenario, { vars }), vars }
}
