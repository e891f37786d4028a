import { collectPolicySources } from '../../../authz/collect.js'
import { compilePolicy } from '../../../../policy/index.js'
import type { PolicyKind, PolicySource, RequestPrincipal } from '../../../../policy/types.js'
import type { AccountState, EmulatorState, GroupEntity, RoleEntity, UserEntity } from '../../../state/model.js'
import { iamErrors } from '../errors.js'
import { defaultDocument, findPolicy } from '../policy-view.js'
import { key } from '../store.js'
import { dictFrom } from '../../../../safe-object.js'

/**
 * The policies a simulation evaluates, each with what SimulatePrincipalPolicy reports about it:
 * its SourcePolicyId, SourcePolicyType and text (for statement positions).
 */
export interface SimSource {
  source: PolicySource
  sourcePolicyId: string
  sourcePolicyType: 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none'
  text: string
}

export type SimHolder =
  | { kind: 'user'; user: UserEntity }
  | { kind: 'role'; role: RoleEntity }
  | { kind: 'group'; group: GroupEntity }

const ENTITY_ARN = /^arn:aws:iam::(\d{12}):(user|role|group)\/(?:.*\/)?([^/]+)$/

/** The user, role or group a PolicySourceArn names in the caller's account. */
export function resolveHolder(account: AccountState, arn: string): SimHolder {
  const m = ENTITY_ARN.exec(arn)
  if (!m || m[1] !== account.id) throw iamErrors.invalidInput(`Invalid ARN: ${arn}`)
  const kind = m[2] as 'user' | 'role' | 'group'
  const name = m[3]!
  const found = kind === 'user' ? account.users.get(key(name)) : kind === 'role' ? account.roles.get(key(name)) : account.groups.get(key(name))
  if (!found || found.arn.toLowerCase() !== arn.toLowerCase()) throw iamErrors.noSuchEntity(kind, name)
  if (kind === 'user') return { kind, user: found as UserEntity }
  if (kind === 'role') return { kind, role: found as RoleEntity }
  return { kind, group: found as GroupEntity }
}

/** The principal the simulated request comes from. */
export function holderPrincipal(account: AccountState, holder: SimHolder): RequestPrincipal {
  const tags = (list: Array<{ Key: string; Value: string }>) => dictFrom(list.map((t) => [t.Key, t.Value] as const))
  switch (holder.kind) {
    case 'user':
      return { type: 'User', arn: holder.user.arn, accountId: account.id, userId: holder.user.id, username: holder.user.name, tags: tags(holder.user.tags) }
    case 'role':
      return {
        type: 'AssumedRole',
        arn: `arn:aws:sts::${account.id}:assumed-role/${holder.role.name}/iam-simulation`,
        accountId: account.id,
        userId: `${holder.role.id}:iam-simulation`,
        roleArn: holder.role.arn,
        sessionName: 'iam-simulation',
        tags: tags(holder.role.tags),
      }
    case 'group':
      return { type: 'User', arn: holder.group.arn, accountId: account.id, userId: holder.group.id }
  }
}

/** Compile an input policy of the request; an invalid one is InvalidInput. */
export function inputSource(text: string, id: string, kind: PolicyKind): SimSource {
  const result = compilePolicy(text, kind)
  if (!result.ok) throw iamErrors.invalidInput(result.error.message)
  const origin: PolicySource['origin'] = kind === 'resource' || kind === 'trust' ? 'resource' : kind === 'boundary' ? 'boundary' : 'user'
  return {
    source: { id, name: id, origin, policy: result.policy },
    sourcePolicyId: id,
    sourcePolicyType: kind === 'resource' || kind === 'trust' ? 'resource' : 'none',
    text,
  }
}

function textOf(state: EmulatorState, account: AccountState, id: string): string {
  if (id.startsWith('arn:')) {
    const view = findPolicy(account, id)
    return view ? defaultDocument(view) : ''
  }
  // `user/<name>/inline/<policy>` (and group/role): the stored inline document.
  const [kind, name, , policy] = id.split('/')
  const entity = kind === 'user' ? account.users.get(key(name!)) : kind === 'role' ? account.roles.get(key(name!)) : account.groups.get(key(name!))
  return entity?.inline.find((p) => p.name === policy)?.document ?? ''
}

function typeOf(origin: PolicySource['origin'], id: string): SimSource['sourcePolicyType'] {
  if (origin === 'user' || origin === 'group' || origin === 'role' || origin === 'aws-managed' || origin === 'user-managed' || origin === 'resource') return origin
  return id.startsWith('arn:aws:iam::aws:') ? 'aws-managed' : id.startsWith('arn:') ? 'user-managed' : 'none'
}

/** Identity policies and boundary of the holder as stored (consistency delay ignored). */
export function holderSources(state: EmulatorState, account: AccountState, holder: SimHolder): { identity: SimSource[]; boundary?: SimSource } {
  const collected = collectPolicySources(state, account, holder)
  const wrap = (s: PolicySource): SimSource => ({
    source: s,
    sourcePolicyId: s.name,
    sourcePolicyType: typeOf(s.origin, s.id),
    text: textOf(state, account, s.id),
  })
  const out: { identity: SimSource[]; boundary?: SimSource } = { identity: collected.identity.map(wrap) }
  if (collected.boundary) out.boundary = wrap(collected.boundary)
  return out
}
