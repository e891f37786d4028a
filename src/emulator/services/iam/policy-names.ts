import type { AccountState, ManagedPolicyEntity } from '../../state/model.js'
import { key } from './store.js'

/**
 * Customer managed policy names are unique per account regardless of path, but the state keys
 * policies by ARN. This index (lower-cased name -> ARN) makes the check O(1); it is derived
 * data, rebuilt whenever the policy map was changed behind its back (different size).
 */

const indexes = new WeakMap<Map<string, ManagedPolicyEntity>, Map<string, string>>()

function indexOf(account: AccountState): Map<string, string> {
  let index = indexes.get(account.policies)
  if (!index || index.size !== account.policies.size) {
    index = new Map()
    for (const p of account.policies.values()) index.set(key(p.name), p.arn)
    indexes.set(account.policies, index)
  }
  return index
}

/** The customer managed policy named `name` (case-insensitively), if any. */
export function policyByName(account: AccountState, name: string): ManagedPolicyEntity | undefined {
  const arn = indexOf(account).get(key(name))
  const entity = arn === undefined ? undefined : account.policies.get(arn)
  return entity && key(entity.name) === key(name) ? entity : undefined
}

/** Store a new policy and index its name. */
export function addPolicy(account: AccountState, entity: ManagedPolicyEntity): void {
  const index = indexOf(account)
  account.policies.set(entity.arn, entity)
  index.set(key(entity.name), entity.arn)
}

/** Remove a policy and its name. */
export function removePolicy(account: AccountState, entity: ManagedPolicyEntity): void {
  const index = indexOf(account)
  account.policies.delete(entity.arn)
  index.delete(key(entity.name))
}
