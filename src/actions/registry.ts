import type { ActionDefinition, Service } from './define-action.js'
import { genericAction } from './generic.js'
import type { Dependents } from './lifecycle.js'
import { iamActions } from './iam/index.js'
import { iamflowActions } from './iamflow/index.js'
import { looksCreateLike, sdkActionNames } from './names.js'
import { s3Actions } from './s3/index.js'
import { stsActions } from './sts/index.js'
import { closestName } from './suggest.js'

/**
 * The registry: the only list of actions. The scenario schema's action enum, `iamflow actions`,
 * "did you mean" suggestions and types all come from here. Importing it is cheap: no SDK package
 * is loaded until an action runs.
 */
export const checkedActions: ReadonlyArray<ActionDefinition> = [...iamActions, ...stsActions, ...s3Actions, ...iamflowActions]

const checkedByName = new Map(checkedActions.map((a) => [a.name, a]))

/** Undo action -> what blocks it, from the create-like definitions that declare `dependents`. */
const dependentsByUndo = new Map<string, Dependents>()
for (const action of checkedActions) {
  if (action.dependents && action.dependents !== 'none') dependentsByUndo.set(action.dependents.undo, action.dependents)
}

/** Look up an action by name: a checked one, or a generic pass-through; undefined if neither. */
export function resolveAction(name: string): ActionDefinition | undefined {
  return checkedByName.get(name) ?? genericAction(name)
}

/** Whether `name` is a valid action (checked or pass-through). */
export function isKnownAction(name: string): boolean {
  return resolveAction(name) !== undefined
}

/** Names of the checked actions, sorted. */
export function checkedActionNames(): string[] {
  return [...checkedByName.keys()].sort()
}

/**
 * Every valid action name, sorted: the checked ones and every other operation of the three SDK
 * clients (pass-through). With `{ checkedOnly: true }`, the checked ones only.
 */
export function listActionNames(opts: { checkedOnly?: boolean } = {}): string[] {
  if (opts.checkedOnly) return checkedActionNames()
  return [...new Set([...checkedByName.keys(), ...sdkActionNames()])].sort()
}

/** Every action definition (checked first, then pass-throughs), optionally of one service. */
export function listActions(opts: { service?: Service; includeUnchecked?: boolean } = {}): ActionDefinition[] {
  const checked = checkedActions.filter((a) => !opts.service || a.service === opts.service)
  checked.sort((a, b) => a.name.localeCompare(b.name))
  if (!opts.includeUnchecked) return checked
  const generic = sdkActionNames()
    .filter((n) => !checkedByName.has(n))
    .map((n) => genericAction(n))
    .filter((a): a is ActionDefinition => a !== undefined && (!opts.service || a.service === opts.service))
  return [...checked, ...generic]
}

/**
 * The closest valid action name to an unknown one, for "unknown action iam.createRol: did you
 * mean iam.createRole?". Checked actions win ties. Undefined when nothing is close.
 */
export function suggestAction(name: string): string | undefined {
  if (resolveAction(name)) return undefined
  return closestName(name, [...checkedActionNames(), ...sdkActionNames().filter((n) => !checkedByName.has(n))])
}

/**
 * Whether a call creates something a teardown must reverse: a checked action says so itself
 * (`creates`); a pass-through is judged by its verb (`create*`, `put*`, `attach*`, `add*`,
 * `tag*`, `upload*`, `copy*`, `associate*`, `enable*`). False for unknown names.
 */
export function isCreateLike(name: string): boolean {
  const checked = checkedByName.get(name)
  if (checked) return checked.creates === true
  return genericAction(name) !== undefined && looksCreateLike(name)
}

/**
 * What blocks an undo call and how to remove it (`DeleteConflict`, `BucketNotEmpty`), as the
 * action creating the resource declares it; undefined when no definition says.
 */
export function dependentsOf(undoAction: string): Dependents | undefined {
  return dependentsByUndo.get(undoAction)
}

/** The checked actions whose resources `cleanup --by-tag` can find (taggable, with a sweep), in registry order. */
export function sweepableActions(): ActionDefinition[] {
  return checkedActions.filter((a) => a.taggable === true && a.sweep !== undefined)
}
