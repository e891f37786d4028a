import type { ActionDefinition } from './define-action.js'
import { looksCreateLike, sdkOperation } from './names.js'
import { sendOperation } from './sdk-modules.js'

const cache = new Map<string, ActionDefinition>()

/**
 * The pass-through action for any SDK operation without a checked definition: the input goes to
 * `${Operation}Command` as written (`checked: false`, schema `{ type: object }`), no output schema
 * (any capture path is allowed), and no undo. A create-like name is flagged with `creates`, so the
 * engine refuses it unless the step supplies `undo:` or says `teardown: false`.
 * Returns undefined when no SDK client has the operation.
 */
export function genericAction(name: string): ActionDefinition | undefined {
  const cached = cache.get(name)
  if (cached) return cached
  const op = sdkOperation(name)
  if (!op) return undefined
  const { service, operation } = op
  const action: ActionDefinition = {
    name,
    service,
    description: `Unchecked pass-through to the SDK's ${operation}Command (input sent as written).`,
    input: { type: 'object', description: `Input of ${operation}, not checked by iamflow; see the AWS API reference.` },
    checked: false,
    creates: looksCreateLike(name),
    command: `${operation}Command`,
    run: (ctx, input: Record<string, unknown>) => sendOperation(ctx.clients, service, operation, input ?? {}, ctx.signal),
  }
  cache.set(name, action)
  return action
}
