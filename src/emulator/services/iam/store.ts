import type { AccountState, GroupEntity, RoleEntity, UserEntity } from '../../state/model.js'
import type { OpContext } from '../types.js'
import { iamErrors } from './errors.js'

/**
 * Lookups in the caller's account. IAM acts on the account of the credentials that sign the
 * request; names are matched case-insensitively (maps are keyed by the lower-cased name).
 */

export function accountOf(ctx: OpContext): AccountState {
  return ctx.caller.account
}

export const key = (name: string): string => name.toLowerCase()

export function findUser(account: AccountState, name: string): UserEntity | undefined {
  return account.users.get(key(name))
}

export function requireUser(account: AccountState, name: string): UserEntity {
  const user = findUser(account, name)
  if (!user) throw iamErrors.noSuchEntity('user', name)
  return user
}

export function findRole(account: AccountState, name: string): RoleEntity | undefined {
  return account.roles.get(key(name))
}

export function requireRole(account: AccountState, name: string): RoleEntity {
  const role = findRole(account, name)
  if (!role) throw iamErrors.noSuchEntity('role', name)
  return role
}

export function findGroup(account: AccountState, name: string): GroupEntity | undefined {
  return account.groups.get(key(name))
}

export function requireGroup(account: AccountState, name: string): GroupEntity {
  const group = findGroup(account, name)
  if (!group) throw iamErrors.noSuchEntity('group', name)
  return group
}

/** `effectiveAt` for a change made now (the emulator's consistency delay). */
export function effectiveAt(ctx: OpContext): number {
  return ctx.now + Math.max(0, ctx.consistencyDelayMs)
}
