import type { Scenario } from '../../scenario/types.js'
import { parseVarOverrides } from '../../scenario/vars.js'
import { checkEnvSet, type EnvSource } from './env-values.js'
import { buildPlan, type PlanOptions } from './plan.js'
import type { Plan } from './plan-types.js'

/** A scenario ready to run: its plan and the typed `--var` overrides it runs with. */
export interface PlannedFile {
  plan: Plan
  vars: Record<string, unknown>
}

/**
 * Plan one chosen scenario with the `--var` pairs `chooseScenarios` gave it. A variable the
 * scenario declares under `env:` without a default must be set in `env` (exit 2 before any run).
 */
export function planScenario(scenario: Scenario, pairs: readonly string[], env: EnvSource = process.env, names: Pick<PlanOptions, 'uniqueNames' | 'runId'> = {}): PlannedFile {
  const vars = parseVarOverrides(scenario.vars, pairs)
  checkEnvSet(scenario, env)
  return { plan: buildPlan(scenario, { vars, env, ...names }), vars }
}
