import type { IamInputs } from '../../../aws-model/inputs.generated.js'
import type { Operation, OpContext } from '../types.js'
import { validateInput } from './validation/validate.js'

/** A handler on already validated and coerced input. */
export type Handler<I> = (ctx: OpContext, input: I) => unknown

/**
 * Wrap handlers keyed by AWS operation name so each first validates its input against the
 * botocore model (ValidationError before authorization, as AWS's front end does). Each
 * handler's input is typed from the same model (aws-model/inputs.generated.ts): a handler
 * naming a member the model lacks, or typing one differently, does not compile.
 */
export function defineOps<K extends keyof IamInputs>(handlers: { [P in K]: Handler<IamInputs[P]> }): Record<K, Operation> {
  const out = {} as Record<K, Operation>
  for (const name of Object.keys(handlers) as K[]) {
    const handler = handlers[name] as Handler<unknown>
    out[name] = (ctx, input) => handler(ctx, validateInput(name, input))
  }
  return out
}

/** Every member name of any of the types in union `T`. */
type KeysOf<T> = T extends unknown ? keyof T : never

/** `[]` when every model input `M` fits the handlers' input type `I` and `I` names no member the model lacks. */
type FitsModel<M, I> = [M] extends [I] ? ([Exclude<keyof I, KeysOf<M>>] extends [never] ? [] : [never]) : [never]

/**
 * `defineOps` for handlers built per entity kind (`Put${title}Policy` for User, Role and
 * Group), whose keys are computed: `names` lists the operations, and the compiler checks that
 * every model input of them fits `I` and that `I` names no member the model lacks. The handlers
 * must be exactly the named ones.
 */
export function defineKindOps<K extends keyof IamInputs, I>(names: readonly K[], handlers: Record<string, Handler<I>>, ..._fits: FitsModel<IamInputs[K], I>): Record<K, Operation> {
  const keys = Object.keys(handlers).sort()
  if (keys.join() !== [...names].sort().join()) throw new Error(`internal error: defineKindOps: handlers ${keys.join()} are not the named ${names.join()}`)
  return defineOps(handlers as unknown as { [P in K]: Handler<IamInputs[P]> })
}
