import type { AccountQuotaName, AccountQuotas } from '../../types.js'
import type { OpContext } from '../types.js'
import { iamErrors } from './errors.js'

/**
 * Account-level IAM quotas (IAM User Guide "IAM and AWS STS quotas"; spec section 7): users
 * 5,000, roles 1,000, customer managed policies 1,500, groups 300 by default. The create call
 * beyond the quota fails with `LimitExceeded` (409) `Cannot exceed quota for UsersPerAccount: 5000`
 * (observed for users and roles; the policy and group names follow the same pattern). The
 * emulator enforces them by default; `EmulatorOptions.quotas` raises or lowers them (benchmarks,
 * AWS accounts with raised quotas).
 */

export type { AccountQuotas }

export const DEFAULT_ACCOUNT_QUOTAS: Readonly<AccountQuotas> = Object.freeze({ users: 5000, roles: 1000, policies: 1500, groups: 300 })

/** The name IAM's LimitExceeded message gives each quota. */
const QUOTA_TITLES: Record<AccountQuotaName, string> = {
  users: 'UsersPerAccount',
  roles: 'RolesPerAccount',
  policies: 'PoliciesPerAccount',
  groups: 'GroupsPerAccount',
}

/** Quota names accepted by `EmulatorOptions.quotas` and `iamflow serve --quota name=N`. */
export const ACCOUNT_QUOTA_NAMES = Object.keys(QUOTA_TITLES) as AccountQuotaName[]

const isQuotaName = (name: string): name is AccountQuotaName => Object.hasOwn(QUOTA_TITLES, name)

/** The defaults overridden by `partial`; throws a plain Error on an unknown name or a bad number. */
export function resolveQuotas(partial: Partial<Record<string, number>> = {}): AccountQuotas {
  const out: AccountQuotas = { ...DEFAULT_ACCOUNT_QUOTAS }
  for (const [name, value] of Object.entries(partial)) {
    if (value === undefined) continue
    if (!isQuotaName(name)) throw new Error(`unknown quota '${name}' (known: ${ACCOUNT_QUOTA_NAMES.join(', ')})`)
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`quota ${name} must be a non-negative integer, got ${value}`)
    out[name] = value
  }
  return out
}

/** Parse `name=N` (the `--quota` flag of `iamflow serve`) into a partial quota record. */
export function parseQuotaSpecs(specs: readonly string[]): Partial<AccountQuotas> {
  const out: Partial<Record<string, number>> = {}
  for (const spec of specs) {
    const m = /^([a-z]+)=(\d+)$/.exec(spec.trim())
    if (!m) throw new Error(`--quota takes name=N (names: ${ACCOUNT_QUOTA_NAMES.join(', ')}), got '${spec}'`)
    out[m[1]!] = Number(m[2])
  }
  resolveQuotas(out)
  return out as Partial<AccountQuotas>
}

/** Throw IAM's LimitExceeded when the account already holds `current` entities of quota `name`. */
export function checkAccountQuota(ctx: OpContext, name: AccountQuotaName, current: number): void {
  const limit = (ctx.quotas ?? DEFAULT_ACCOUNT_QUOTAS)[name]
  if (current >= limit) throw iamErrors.quota(QUOTA_TITLES[name], limit)
}
