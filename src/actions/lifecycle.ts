/**
 * What an action definition says about the life of what it touches, besides do and undo:
 * what it changes (propagation waits), what blocks its undo (teardown), how to find what an
 * interrupted call created (recovery), and how a run's tags find it again (tag sweep). The
 * engine reads these from the registry; the hooks call AWS only through `OperatorCalls`, which
 * the engine supplies (engine/targets/operator-calls.ts), so actions never import the engine.
 */

/** One call: an action and its input (an undo, a listing). */
export interface CallSpec {
  action: string
  input: Record<string, unknown>
}

/** What kind of IAM change a successful call makes, for propagation waits (engine/run/waits.ts). */
export type ChangeKind = 'credentials' | 'trust' | 'permissions'

/** Calls the hooks below make, as the operator. */
export interface OperatorCalls {
  /** Every item of `member` over all pages of a Marker-paginated listing; [] when its parent is gone. */
  listAll(action: string, input: Record<string, unknown>, member: string): Promise<Array<Record<string, any>>>
  /** Every page of a Marker-paginated listing; none when its parent is gone. */
  pages(action: string, input: Record<string, unknown>): Promise<Array<Record<string, unknown>>>
  /** One call's output; any failure throws. */
  read(action: string, input: Record<string, unknown>): Promise<Record<string, unknown>>
  /** A removal: done, or already gone; other failures throw, naming `what`. */
  remove(action: string, input: Record<string, unknown>, what: string): Promise<void>
}

/**
 * What removing the dependents of a resource achieved: `retry` the blocked delete, the delete
 * is `superseded` by a later one (counts as done), or `none` (nothing known to remove).
 */
export type DependencyResolution = 'retry' | 'superseded' | 'none'

/** What the dependents hook receives. */
export interface DependentsContext {
  calls: OperatorCalls
  /** Undo calls still to replay after this one (to see whether a parent delete follows). */
  later: readonly CallSpec[]
}

/**
 * What can block the undo of a create-like call (AWS answers `DeleteConflict` or
 * `BucketNotEmpty`): things the ledger did not reverse first (kept steps, pass-through calls,
 * recovered intents). `remove` lists and removes them; the teardown then retries once.
 */
export interface Dependents {
  /** The undo action this applies to (one of the action's `undoActions`). */
  undo: string
  /** Remove what blocks `undo` with this input. */
  remove(input: Record<string, unknown>, ctx: DependentsContext): Promise<DependencyResolution>
}

/** What the recovery hook receives. */
export interface RecoveryContext {
  calls: OperatorCalls
  /** The account the run acted in (for ARNs). */
  accountId: string
  /** Epoch ms: the intent's time minus the tolerated clock skew; things created since may be the call's. */
  since: number
}

/**
 * How to find what an interrupted call created when only its intent (action and input) was
 * recorded: `from-input` when the undo follows from the input alone (every identifier is in
 * it), or a hook that derives it (by ARN arithmetic or by listing). Undefined from the hook
 * means iamflow cannot tell; the teardown then reports the intent as a leftover.
 */
export type Recovery = 'from-input' | ((input: Record<string, any>, ctx: RecoveryContext) => Promise<CallSpec[] | undefined>)

/**
 * How `cleanup --by-tag` finds what a run created when its ledger is lost: list every
 * resource of the kind, read each one's tags, and undo those carrying the run's id.
 */
export interface TagSweep {
  /** The Marker-paginated listing of every resource of this kind, and the member holding them. */
  list: { action: string; input: Record<string, unknown>; member: string }
  /** The call listing one resource's tags (a Marker-paginated `Tags` member). */
  tags(item: Record<string, any>): CallSpec
  /** The call removing one found resource (teardown resolves its dependents). */
  undo(item: Record<string, any>): CallSpec
}
