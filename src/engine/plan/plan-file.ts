import type { Scenario } from '../../scenario/types.js'
import { parseVarOverrides } from '../../scenario/vars.js'
import { checkEnvSet, type EnvSource } from './env-values.js'
import { buildPlan, type PlanOptions } from './plan.js'
import type { Plan } from './plan-types.js'
import { uniqueNamesWanted } from './unique-names.js'

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
  // A plan with run-scoped names derives from its run id: made afresh for every run.
  if (!Object.isFrozen(scenario) || uniqueNamesWanted(scenario, names.uniqueNames)) return { plan: buildPlan(scenario, { vars, env, ...names }), vars }
  return { plan: cachedPlan(scenario, pairs, env, () => buildPlan(scenario, { vars, env, ...names })), vars }
}

/** Plans kept per scenario (different `--var` pairs or declared variables set or not). */
export const PLANS_PER_SCENARIO = 8

/**
 * Plans of frozen scenarios (the load cache's: one Scenario value per unchanged file), so a warm
 * run (watch mode, the bench, `--parallel` copies) does not plan the same file again. Without
 * run-scoped names a plan depends on the scenario, the `--var` pairs and which declared `env:`
 * variables are set (it never holds their values), nothing else: that is the key. The plan is
 * frozen, so no run can change what the next one is given. Dropped with its scenario.
 */
const plans = new WeakMap<Scenario, Map<string, Plan>>()

function cachedPlan(scenario: Scenario, pairs: readonly string[], env: EnvSource, build: () => Plan): Plan {
  const key = JSON.stringify([pairs, scenario.env.map((d) => Object.prototype.hasOwnProperty.call(env, d.name) && env[d.name] !== undefined)])
  let byKey = plans.get(scenario)
  const known = byKey?.get(key)
  if (known) return known
  const plan = build()
  freezePlan(plan)
  if (!byKey) plans.set(scenario, (byKey = new Map()))
  if (byKey.size >= PLANS_PER_SCENARIO) byKey.delete(byKey.keys().next().value!)
  byKey.set(key, plan)
  return plan
}

/** Freezes what the plan made (not the scenario, already frozen, nor the shared action definitions). */
function freezePlan(plan: Plan): void {
  for (const planned of plan.steps) {
    deepFreeze(planned.previewInput)
    deepFreeze(planned.undoActions)
    deepFreeze(planned.undoPreview)
    deepFreeze(planned.expectPreview)
    deepFreeze(planned.assumes)
    Object.freeze(planned)
  }
  Object.freeze(plan.steps)
  deepFreeze(plan.vars)
  deepFreeze(plan.env)
  deepFreeze(plan.teardown)
  Object.freeze(plan)
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return
  Object.freeze(value)
  for (const item of Object.values(value)) deepFreeze(item)
}
