import type { AccountState, Attachment, InlinePolicy, RoleEntity } from '../../state/model.js'
import type { OpContext } from '../types.js'
import { authorizeGroup, authorizeRole, authorizeUser, type Context } from './access.js'
import type { EntityKind } from './errors.js'
import { assertModifiable } from './protected-roles.js'
import { requireGroup, requireRole, requireUser } from './store.js'

/** What inline-policy and attachment operations need to know about users, roles and groups. */
export interface PolicyHolder {
  name: string
  arn: string
  inline: InlinePolicy[]
  attached: Attachment[]
}

export interface EntityKindInfo {
  kind: EntityKind
  /** `User`, `Role`, `Group`: operation names are built from it (`PutUserPolicy`). */
  title: 'User' | 'Role' | 'Group'
  /** Input member naming the entity. */
  nameMember: 'UserName' | 'RoleName' | 'GroupName'
  /** Aggregate inline policy size quota (spec 7). */
  inlineQuota: number
  /** Quota name for attached managed policies (`PoliciesPerUser`). */
  attachQuotaName: string
  authorize(ctx: OpContext, action: string, name: string, extra?: Context): void
  require(account: AccountState, name: string): PolicyHolder
  /** Throws UnmodifiableEntity for an entity only AWS may change (service-linked roles). */
  assertModifiable?(entity: PolicyHolder): void
}

/** Managed policies attached per user, role or group (default quota). */
export const MAX_ATTACHED_POLICIES = 10

export const ENTITY_KINDS: Record<EntityKind, EntityKindInfo> = {
  user: {
    kind: 'user',
    title: 'User',
    nameMember: 'UserName',
    inlineQuota: 2048,
    attachQuotaName: 'PoliciesPerUser',
    authorize: authorizeUser,
    require: requireUser,
  },
  role: {
    kind: 'role',
    title: 'Role',
    nameMember: 'RoleName',
    inlineQuota: 10240,
    attachQuotaName: 'PoliciesPerRole',
    authorize: authorizeRole,
    require: requireRole,
    assertModifiable: (entity) => assertModifiable(entity as RoleEntity),
  },
  group: {
    kind: 'group',
    title: 'Group',
    nameMember: 'GroupName',
    inlineQuota: 5120,
    attachQuotaName: 'PoliciesPerGroup',
    authorize: authorizeGroup,
    require: requireGroup,
  },
}
