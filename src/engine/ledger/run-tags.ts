import type { ActionDefinition } from '../../actions/define-action.js'

/** Tag keys every resource a real-AWS run creates carries, so strays can be found and owned. */
export const RUN_ID_TAG = 'iamflow:run-id'
export const SCENARIO_TAG = 'iamflow:scenario'

/** IAM tag values allow letters, digits, spaces and `_.:/=+-@`, up to 256 characters. */
function tagValue(text: string): string {
  return text.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '-').slice(0, 256)
}

/**
 * The input of a create call with the run's tags added, when the action's definition says it
 * is `taggable` (createUser, createRole, createPolicy). Tags the scenario set itself win; the
 * input is never mutated.
 */
export function withRunTags(action: ActionDefinition, input: Record<string, unknown>, runId: string, scenario: string): Record<string, unknown> {
  if (action.taggable !== true) return input
  const given = Array.isArray(input.Tags) ? (input.Tags as Array<{ Key?: unknown }>) : []
  const keys = new Set(given.map((t) => t.Key))
  const added = [
    { Key: RUN_ID_TAG, Value: runId },
    { Key: SCENARIO_TAG, Value: tagValue(scenario) },
  ].filter((t) => !keys.has(t.Key))
  return added.length === 0 ? input : { ...input, Tags: [...given, ...added] }
}
