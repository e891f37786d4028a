import type { Inventory } from '../types.js'
import type { EmulatorState } from './model.js'

/** What exists in one account (names, ARNs, key ids, `bucket/key`), sorted, for leak checks. */
export function inventoryOf(state: EmulatorState, accountId: string): Inventory {
  const account = state.accounts.get(accountId)
  const sorted = (xs: Iterable<string>) => [...xs].sort()
  const buckets = [...state.buckets.values()].filter((b) => b.accountId === accountId)
  return {
    accountId,
    users: sorted([...(account?.users.values() ?? [])].map((u) => u.name)),
    roles: sorted([...(account?.roles.values() ?? [])].map((r) => r.name)),
    groups: sorted([...(account?.groups.values() ?? [])].map((g) => g.name)),
    policies: sorted(account?.policies.keys() ?? []),
    accessKeys: sorted([...state.accessKeys.values()].filter((k) => k.accountId === accountId && k.userName !== undefined).map((k) => k.id)),
    buckets: sorted(buckets.map((b) => b.name)),
    objects: sorted(buckets.flatMap((b) => [...b.objects.keys()].map((k) => `${b.name}/${k}`))),
    oidcProviders: sorted((account?.oidcProviders ?? []).map((p) => p.arn)),
    mfaDevices: sorted(account?.mfaDevices.keys() ?? []),
  }
}
