import type { ActionDefinition } from '../../../actions/define-action.js'
import type { Expectation, Step } from '../../../scenario/types.js'
import { interpolate, templateNames } from '../../../scenario/template.js'
import { withRunTags } from '../../ledger/run-tags.js'
import type { RunEnv } from '../run-env.js'

/** Stage "render": what the step sends and what it expects, with every template filled in. */
export interface Rendered {
  input: Record<string, unknown>
  expect: Expectation
}

/**
 * Every template name the step needs before it runs: its input, its expectation and its undo,
 * except the step's own captures (an undo runs after its step, so they are not missing inputs).
 */
export function namesOf(step: Step): readonly string[] {
  const known = stepNames.get(step)
  if (known) return known
  const own = step.capture
  const undoNames = templateNames(step.undo ?? []).filter((n) => own === undefined || !Object.hasOwn(own, n))
  const names = Object.freeze([...templateNames(step.input), ...templateNames(step.expect), ...undoNames])
  // A loaded scenario kept for later runs is deeply frozen (load-cache.ts): its steps' names
  // cannot change, so they are found once, not on every run. An unfrozen step is read afresh.
  if (Object.isFrozen(step) && Object.isFrozen(step.input) && Object.isFrozen(step.expect ?? step) && Object.isFrozen(step.undo ?? step)) stepNames.set(step, names)
  return names
}

/** Template names of frozen steps, dropped with their scenario. */
const stepNames = new WeakMap<Step, readonly string[]>()

/**
 * Render the step's input and expectation from the run's values. On AWS, a taggable create
 * also carries the run's tags (so `cleanup --by-tag` can find strays).
 */
export function renderStep(step: Step, action: ActionDefinition, env: RunEnv): Rendered {
  const interpolated = interpolate(step.input, env.ctx.lookup, { path: ['steps', step.index, 'input'], locate: env.scenario.locate, now: env.ctx.now }) as Record<string, unknown>
  const rendered = env.names ? (env.names.input(interpolated, action) as Record<string, unknown>) : interpolated
  const input = env.target.info.kind === 'aws' ? withRunTags(action, rendered, env.runId, env.scenario.name) : rendered
  const expected = interpolate(step.expect, env.ctx.lookup, { path: ['steps', step.index, 'expect'], locate: env.scenario.locate, now: env.ctx.now }) as Expectation
  const expect = env.names ? env.names.expectation(expected, action) : expected
  return { input, expect }
}
