import type { OperatorCalls } from '../../actions/lifecycle.js'
import { isGone } from '../../aws/errors.js'
import { type ActionCaller, CallError, unwrap } from './caller.js'

/**
 * The calls an action's lifecycle hooks make (dependents, recovery, tag sweep), over an
 * `ActionCaller` running registry actions as the operator. "Already gone" is never an error
 * here: a listing under a deleted parent is empty, and removing what is gone is done.
 */
export function operatorCalls(call: ActionCaller): OperatorCalls {
  const pages = async (action: string, input: Record<string, unknown>): Promise<Array<Record<string, unknown>>> => {
    const out: Array<Record<string, unknown>> = []
    let Marker: string | undefined
    do {
      const result = await call(action, { ...input, ...(Marker ? { Marker } : {}) })
      if (!result.ok && result.outcome.kind === 'error' && isGone(result.outcome)) return out
      const page = unwrap(result, action) as Record<string, unknown> & { IsTruncated?: boolean; Marker?: string }
      out.push(page)
      Marker = page.IsTruncated ? page.Marker : undefined
    } while (Marker)
    return out
  }
  return {
    pages,
    listAll: async (action, input, member) => (await pages(action, input)).flatMap((page) => (page[member] as Array<Record<string, any>> | undefined) ?? []),
    read: async (action, input) => unwrap(await call(action, input), action) as Record<string, unknown>,
    remove: async (action, input, what) => {
      const result = await call(action, input)
      if (result.ok) return
      if (result.outcome.kind === 'error' && isGone(result.outcome)) return
      throw new CallError(result.outcome, what)
    },
  }
}
