/**
 * Principal matching for resource-based and trust policies (IAM User Guide "AWS JSON policy
 * elements: Principal"), by ARN, account, unique id or service name; no wildcards but `*`.
 *
 * A match has a strength that decides how far the grant reaches (spec 5.1 step 3):
 * - `direct`: names the exact caller (user ARN / user id, session ARN, `*`, service) — the
 *   resource policy alone allows, in the same account, whatever boundary or session policy say;
 * - `role`: names the role (ARN or `AROA…` id) of a role session — still limited by the role's
 *   boundary and the session policies;
 * - `account`: names the caller's account (`ACCT` or `arn:aws:iam::ACCT:root`) — delegation:
 *   the caller's identity-based policies must allow as well.
 */
import type { RequestPrincipal } from './types.js'
import type { PrincipalBlock } from './principal-validate.js'

export const GRANT_NONE = 0
export const GRANT_ACCOUNT = 1
export const GRANT_ROLE = 2
export const GRANT_DIRECT = 3
/** Strength of a principal match (higher reaches further). */
export type GrantLevel = 0 | 1 | 2 | 3

/** A compiled Principal/NotPrincipal block. */
export interface PrincipalMatcher {
  any: boolean
  arns: Set<string>
  accounts: Set<string>
  ids: Set<string>
  services: Set<string>
  federated: Set<string>
  canonical: Set<string>
  /** Source block, for explanations. */
  block: PrincipalBlock
}

const ROOT = /^arn:aws[a-z-]*:iam::(\d{12}):root$/

/** Compiles a validated principal block. */
export function compilePrincipal(block: PrincipalBlock): PrincipalMatcher {
  const m: PrincipalMatcher = {
    any: block === '*',
    arns: new Set(),
    accounts: new Set(),
    ids: new Set(),
    services: new Set(),
    federated: new Set(),
    canonical: new Set(),
    block,
  }
  if (block === '*') return m
  for (const v of block.AWS ?? []) {
    if (v === '*') m.any = true
    else if (/^\d{12}$/.test(v)) m.accounts.add(v)
    else if (ROOT.test(v)) m.accounts.add(ROOT.exec(v)![1])
    else if (v.startsWith('arn:')) m.arns.add(v)
    else m.ids.add(v)
  }
  for (const v of block.Service ?? []) m.services.add(v.toLowerCase())
  for (const v of block.Federated ?? []) m.federated.add(v)
  for (const v of block.CanonicalUser ?? []) m.canonical.add(v)
  return m
}

/** The role id (`AROA…`) of a session's `aws:userid` (`AROA…:session`). */
function roleIdOf(p: RequestPrincipal): string | undefined {
  const i = p.userId.indexOf(':')
  return i > 0 ? p.userId.slice(0, i) : undefined
}

/** How strongly a `Principal` block names the caller. */
export function principalGrant(m: PrincipalMatcher, p: RequestPrincipal): GrantLevel {
  if (m.any) return GRANT_DIRECT
  if (p.identityProvider !== undefined && m.federated.has(p.identityProvider)) return GRANT_DIRECT
  if (p.canonicalUserId !== undefined && m.canonical.has(p.canonicalUserId)) return GRANT_DIRECT
  switch (p.type) {
    case 'User':
    case 'FederatedUser':
      if (m.arns.has(p.arn) || m.ids.has(p.userId)) return GRANT_DIRECT
      return m.accounts.has(p.accountId) ? GRANT_ACCOUNT : GRANT_NONE
    case 'AssumedRole': {
      if (m.arns.has(p.arn)) return GRANT_DIRECT
      const roleId = roleIdOf(p)
      if ((p.roleArn !== undefined && m.arns.has(p.roleArn)) || (roleId !== undefined && m.ids.has(roleId))) return GRANT_ROLE
      return m.accounts.has(p.accountId) ? GRANT_ACCOUNT : GRANT_NONE
    }
    case 'Account':
      return m.accounts.has(p.accountId) ? GRANT_ACCOUNT : GRANT_NONE
    case 'Service':
      return p.service !== undefined && m.services.has(p.service.toLowerCase()) ? GRANT_DIRECT : GRANT_NONE
    case 'Anonymous':
      return GRANT_NONE
    default: {
      const unreachable: never = p.type
      return unreachable
    }
  }
}

/**
 * `NotPrincipal` applies unless every identity the request carries is listed: for a user its ARN
 * and its account; for a role session the session ARN, the role and the account (which is why
 * AWS tells you to list all of them). Anonymous callers are never listed.
 */
export function notPrincipalApplies(m: PrincipalMatcher, p: RequestPrincipal): boolean {
  if (m.any) return false
  switch (p.type) {
    case 'User':
    case 'FederatedUser':
      return !((m.arns.has(p.arn) || m.ids.has(p.userId)) && m.accounts.has(p.accountId))
    case 'AssumedRole': {
      const roleId = roleIdOf(p)
      const roleListed = (p.roleArn !== undefined && m.arns.has(p.roleArn)) || (roleId !== undefined && m.ids.has(roleId))
      return !(m.arns.has(p.arn) && roleListed && m.accounts.has(p.accountId))
    }
    case 'Account':
      return !m.accounts.has(p.accountId)
    case 'Service':
      return !(p.service !== undefined && m.services.has(p.service.toLowerCase()))
    case 'Anonymous':
      return true
    default: {
      const unreachable: never = p.type
      return unreachable
    }
  }
}

/** Principals a document names, for the emulator's "Invalid principal in policy" check. */
export function collectPrincipals(blocks: Iterable<PrincipalBlock>): { aws: string[]; service: string[]; federated: string[] } {
  const aws = new Set<string>()
  const service = new Set<string>()
  const federated = new Set<string>()
  for (const b of blocks) {
    if (b === '*') continue
    for (const v of b.AWS ?? []) if (v !== '*') aws.add(v)
    for (const v of b.Service ?? []) service.add(v)
    for (const v of b.Federated ?? []) federated.add(v)
  }
  return { aws: [...aws], service: [...service], federated: [...federated] }
}
