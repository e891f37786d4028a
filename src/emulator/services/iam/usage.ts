import type { AccountState, Attachment } from '../../state/model.js'

/**
 * How many entities of an account use each managed policy (AttachmentCount and
 * PermissionsBoundaryUsageCount), customer and AWS managed alike.
 *
 * The counts are derived data, never stored: the first read in an account counts every entity
 * once (`countPolicyUsage`), and from then on the operations that change what an entity uses
 * report the change (`noteAttachment`, `noteBoundary`, `noteEntity`), so a read is a lookup
 * instead of a scan of the account. A note is made right after the change it reports; before
 * the first read there is nothing to update (the first read will see the change).
 */
export interface PolicyUsage {
  attachments: number
  boundaries: number
}

/** What an entity uses: its attached policies and (users, roles) its permissions boundary. */
export interface PolicyUser {
  attached: Attachment[]
  boundary?: Attachment
}

const tallies = new WeakMap<AccountState, Map<string, PolicyUsage>>()

/** Whole-account counts made so far (a test hook: reads must not recount). Never reset here. */
export const usageWork = { scans: 0 }

/** Usage of every managed policy referenced in `account`, by one pass over its entities. */
export function countPolicyUsage(account: AccountState): Map<string, PolicyUsage> {
  usageWork.scans++
  const usage = new Map<string, PolicyUsage>()
  const entry = (arn: string): PolicyUsage => {
    let u = usage.get(arn)
    if (!u) usage.set(arn, (u = { attachments: 0, boundaries: 0 }))
    return u
  }
  for (const entities of [account.users.values(), account.roles.values(), account.groups.values()]) {
    for (const entity of entities as Iterable<PolicyUser>) {
      for (const a of entity.attached) entry(a.arn).attachments++
      if (entity.boundary) entry(entity.boundary.arn).boundaries++
    }
  }
  return usage
}

/** Usage of every managed policy in use in `account` (policies with no use are absent). */
export function policyUsage(account: AccountState): ReadonlyMap<string, Readonly<PolicyUsage>> {
  let tally = tallies.get(account)
  if (!tally) tallies.set(account, (tally = countPolicyUsage(account)))
  return tally
}

/** Usage of one policy (zeroes when unused). */
export function usageOf(account: AccountState, arn: string): PolicyUsage {
  const u = policyUsage(account).get(arn)
  return u ? { ...u } : { attachments: 0, boundaries: 0 }
}

function adjust(account: AccountState, arn: string, member: keyof PolicyUsage, delta: 1 | -1): void {
  const tally = tallies.get(account)
  if (!tally) return
  let u = tally.get(arn)
  if (!u) tally.set(arn, (u = { attachments: 0, boundaries: 0 }))
  u[member] += delta
  // Below zero means a change went unreported: count again at the next read rather than lie.
  if (u[member] < 0) tallies.delete(account)
  else if (u.attachments === 0 && u.boundaries === 0) tally.delete(arn)
}

/** `arn` was attached to (+1) or detached from (-1) a user, role or group. */
export function noteAttachment(account: AccountState, arn: string, delta: 1 | -1): void {
  adjust(account, arn, 'attachments', delta)
}

/** `arn` became (+1) or stopped being (-1) the permissions boundary of a user or role. */
export function noteBoundary(account: AccountState, arn: string, delta: 1 | -1): void {
  adjust(account, arn, 'boundaries', delta)
}

/** `entity` (with what it uses) was added to (+1) or removed from (-1) the account. */
export function noteEntity(account: AccountState, entity: PolicyUser, delta: 1 | -1): void {
  for (const a of entity.attached) noteAttachment(account, a.arn, delta)
  if (entity.boundary) noteBoundary(account, entity.boundary.arn, delta)
}
