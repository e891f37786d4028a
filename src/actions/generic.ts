import type { ActionDefinition, AwsService } from './define-action.js'
import { changesByVerb, looksCreateLike, looksReadOnly, sdkOperation } from './names.js'

const cache = new Map<string, ActionDefinition>()

/** `AwsClients.call` for an operation known only at run time. */
type UntypedCall = (service: AwsService, operation: string, input: Record<string, unknown>, signal?: AbortSignal) => Promise<unknown>

/**
 * The pass-through action for any SDK operation without a checked definition: the input goes to
 * `${Operation}Command` as written (`checked: false`, schema `{ type: object }`), no output schema
 * (any capture path is allowed), and no undo. A streamed `Body` (S3) is read as text so it can
 * be checked; other members are the SDK's output as is (IAM documents stay URL-encoded). A create-like name is flagged with `creates`, so the
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
    ...(looksReadOnly(name) ? { readOnly: true } : { changes: changesByVerb(name) }),
    taggable: false,
    command: `${operation}Command`,
    run: async (ctx, input: Record<string, unknown>) => bodyAsText(await (ctx.clients.call as UntypedCall)(service, operation, input ?? {}, ctx.signal)),
  }
  cache.set(name, action)
  return action
}

/** The output with a streamed `Body` read into a string (the stream cannot be captured or printed). */
async function bodyAsText(output: unknown): Promise<unknown> {
  if (output === null || typeof output !== 'object') return output
  const body = (output as { Body?: { transformToString?: () => Promise<string> } }).Body
  if (typeof body?.transformToString !== 'function') return output
  return { ...output, Body: await body.transformToString() }
}
