import type { RequestPrincipal } from '../../policy/types.js'
import { arns } from '../arn.js'
import type { AccountState, EmulatorState, RoleEntity, SessionEntity, Tag, UserEntity } from '../state/model.js'
import { dict } from '../../safe-object.js'

/** Tag keys are the caller's (AWS allows `__proto__`): a prototype-free record keeps them all. */
function tagRecord(...lists: Array<Tag[] | undefined>): Record<string, string> {
  const out = dict<string>()
  for (const list of lists) for (const t of list ?? []) out[t.Key] = t.Value
  return out
}

/** The account root as a principal. */
export function rootPrincipal(accountId: string, temporary = false): RequestPrincipal {
  const principal: RequestPrincipal = { type: 'Account', arn: arns.root(accountId), accountId, userId: accountId }
  if (temporary) principal.isTemporary = true
  return principal
}

/** An IAM user as a principal (long-term key, or a GetSessionToken session of the user). */
export function userPrincipal(account: AccountState, user: UserEntity, temporary = false): RequestPrincipal {
  const principal: RequestPrincipal = { type: 'User', arn: user.arn, accountId: account.id, userId: user.id, username: user.name, tags: tagRecord(user.tags) }
  if (temporary) principal.isTemporary = true
  return principal
}

/**
 * The live role of an assumed-role session: the role with the session's name AND unique id
 * (a deleted and re-created role is a different role, as on AWS).
 */
export function sessionRole(state: EmulatorState, session: SessionEntity): RoleEntity | undefined {
  if (session.kind !== 'assumed-role' || !session.roleName) return undefined
  const role = state.accounts.get(session.accountId)?.roles.get(session.roleName.toLowerCase())
  return role && role.id === session.roleId ? role : undefined
}

/** A GetFederationToken session as a principal (`federated-user/NAME`, aws:userid `ACCOUNT:NAME`). */
export function federatedPrincipal(session: SessionEntity): RequestPrincipal {
  return {
    type: 'FederatedUser',
    arn: `arn:aws:sts::${session.accountId}:federated-user/${session.federatedName}`,
    accountId: session.accountId,
    userId: `${session.accountId}:${session.federatedName}`,
    isTemporary: true,
  }
}

/** An assumed-role session as a principal; session tags override the role's tags. */
export function sessionPrincipal(state: EmulatorState, session: SessionEntity): RequestPrincipal {
  const role = sessionRole(state, session)
  return {
    type: 'AssumedRole',
    arn: arns.assumedRole(session.accountId, session.roleName!, session.sessionName!),
    accountId: session.accountId,
    userId: `${session.roleId}:${session.sessionName}`,
    roleArn: session.roleArn!,
    sessionName: session.sessionName!,
    isTemporary: true,
    tags: tagRecord(role?.tags, session.sessionTags),
  }
}
