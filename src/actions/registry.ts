import type { ActionDefinition } from './define-action.js'

/**
 * The registry: the only list of actions. The scenario schema's action enum, `iamflow actions`,
 * "did you mean" suggestions and types all come from here.
 *
 * (Foundation issue fills `checkedActions` from ./iam, ./sts, ./s3 and implements the
 * generic pass-through for any other SDK operation.)
 */
export const checkedActions: ReadonlyArray<ActionDefinition> = []

/** Look up an action by name: a checked one, or a generic pass-through; undefined if neither. */
export function resolveAction(name: string): ActionDefinition | undefined {
  return checkedActions.find((a) => a.name === name)
}
