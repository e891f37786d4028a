import type { AccountState } from '../../state/model.js'

/** How many entities of an account use each managed policy (computed from state, never stored). */
export interface PolicyUsage {
  attachments: number
  boundaries: number
}

/** Usage of every managed policy referenced in `account`, in one pass over its entities. */
export function policyUsage(account: AccountState): Map<string, PolicyUsage> {
  const usage = new Map<string, PolicyUsage>()
  const entry = (arn: string): PolicyUsage => {
    let u = usage.get(arn)
    if (!u) usage.set(arn, (u = { attachments: 0, boundaries: 0 }))
    return u
  }
  for (const entities of [account.users.values(), account.roles.values(), account.groups.values()]) {
    for (const entity of entities) {
      for (const a of entity.attached) entry(a.arn).attachments++
      const boundary = 'boundary' in entity ? entity.boundary : undefined
      if (boundary) entry(boundary.arn).boundaries++
    }
  }
  return usage
}

/** Usage of one policy (zeroes when unused). */
export function usageOf(account: AccountState, arn: string): PolicyUsage {
  return policyUsage(account).get(arn) ?? { attachments: 0, boundaries: 0 }
}
