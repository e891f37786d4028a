import type { ActionDefinition, UndoSpec } from '../../../actions/define-action.js'
import type { Step } from '../../../scenario/types.js'
import { interpolate } from '../../../scenario/template.js'
import { resolveAction } from '../../../actions/registry.js'
import type { Answer } from '../../targets/caller.js'
import type { RunEnv } from '../run-env.js'

/**
 * Stage "record undo", first half: before a call that may create something, an intent in the
 * ledger (so a crash mid-call can be recovered). Returns the intent's number, or undefined
 * when the step creates nothing to undo. Kept steps (`teardown: false`) record one too.
 */
export function recordIntent(step: Step, action: ActionDefinition, input: Record<string, unknown>, env: RunEnv): number | undefined {
  const kept = step.teardown === false
  const recordsUndo = action.undo !== undefined || (step.undo?.length ?? 0) > 0 || action.creates === true
  if (!recordsUndo) return undefined
  // The scenario's checks refuse a create with no undo that is not kept: reaching here is a bug.
  if (!kept && !action.undo && !step.undo?.length) throw new Error(`internal error: ${action.name} creates something but has no undo: give the step undo: or teardown: false`)
  return env.ledger.append({ t: 'intent', stepId: step.id, ...accountOf(step), action: action.name, input, at: new Date().toISOString(), ...(kept ? { kept: true } : {}) })
}

/**
 * Stage "record undo", second half: after the call, how to reverse what it made (success), or
 * that it made nothing (an error AWS answered clearly). An ambiguous answer (throttling, 5xx)
 * leaves the intent open for recovery.
 */
export function settleIntent(step: Step, action: ActionDefinition, input: Record<string, unknown>, intent: number | undefined, answer: Answer, env: RunEnv): void {
  if (intent === undefined) return
  if (answer.kind === 'success') recordUndo(step, action, input, intent, answer.output, env)
  else if (!answer.ambiguous) env.ledger.append({ t: 'settled', intent, code: answer.code, at: new Date().toISOString() })
}

function recordUndo(step: Step, action: ActionDefinition, input: Record<string, unknown>, intent: number, output: unknown, env: RunEnv): void {
  let specs: UndoSpec[]
  if (step.teardown === false && !step.undo?.length && !action.undo) {
    specs = []
  } else if (step.undo?.length) {
    specs = interpolate(step.undo, env.ctx.lookup, { path: ['steps', step.index, 'undo'], locate: env.scenario.locate, now: env.ctx.now }) as UndoSpec[]
    const names = env.names
    if (names) specs = specs.map((u) => ({ action: u.action, input: names.input(u.input, resolveAction(String(u.action))) as UndoSpec['input'] }))
  } else {
    const undo = action.undo?.(input, output)
    specs = undo === undefined ? [] : Array.isArray(undo) ? undo : [undo]
  }
  env.ledger.append({ t: 'undo', intent, stepId: step.id, ...accountOf(step), undo: specs, ...(step.teardown === false ? { kept: true } : {}), at: new Date().toISOString() })
}

/** The named account whose operator undoes what the step made (absent: the default account). */
function accountOf(step: Step): { account?: string } {
  return step.account !== undefined ? { account: step.account } : {}
}
