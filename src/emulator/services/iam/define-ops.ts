import type { Operation, OpContext } from '../types.js'
import { validateInput } from './validation/validate.js'

/** A handler on already validated and coerced input. */
export type Handler<I> = (ctx: OpContext, input: I) => unknown

/**
 * Wrap handlers keyed by AWS operation name so each first validates its input against the
 * botocore model (ValidationError before authorization, as AWS's front end does).
 */
export function defineOps<T extends Record<string, Handler<any>>>(handlers: T): Record<keyof T & string, Operation> {
  const out = {} as Record<keyof T & string, Operation>
  for (const [name, handler] of Object.entries(handlers)) {
    out[name as keyof T & string] = (ctx, input) => handler(ctx, validateInput(name, input))
  }
  return out
}
