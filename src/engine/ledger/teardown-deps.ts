import type { UndoSpec } from '../../actions/define-action.js'
import type { DependencyResolution } from '../../actions/lifecycle.js'
import { dependentsOf } from '../../actions/registry.js'
import type { ActionCaller } from '../targets/caller.js'
import { operatorCalls } from '../targets/operator-calls.js'

/**
 * AWS's ordering needs during teardown. When a delete answers `DeleteConflict` (IAM) or
 * `BucketNotEmpty` (S3), the resource still has dependents the ledger did not reverse first
 * (kept steps, things created by pass-through calls or by the lab's own identities, recovered
 * intents). The action that created the resource says what blocks its undo and how to remove
 * it (`dependents` on its definition); the teardown then retries the delete once.
 */
export type { DependencyResolution }

export interface DependencyContext {
  call: ActionCaller
  /** Undo calls still to replay after this one (to see whether a parent delete follows). */
  later: UndoSpec[]
}

/** Error codes that mean "this resource still has dependents". */
export const CONFLICT_CODES = new Set(['DeleteConflict', 'BucketNotEmpty'])

/** Remove what blocks `spec`, as the registry's definitions say; `none` when nothing is known. */
export async function resolveDependencies(spec: UndoSpec, ctx: DependencyContext): Promise<DependencyResolution> {
  const dependents = dependentsOf(spec.action)
  return dependents ? dependents.remove(spec.input, { calls: operatorCalls(ctx.call), later: ctx.later }) : 'none'
}
