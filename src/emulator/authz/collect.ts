import type { PolicyKind, PolicySource } from '../../policy/types.js'
import { getAwsManagedPolicy, isAwsManagedArn } from '../managed-policies/index.js'
import type {
  AccountState,
  Attachment,
  EmulatorState,
  GroupEntity,
  InlinePolicy,
  RoleEntity,
  SessionEntity,
  UserEntity,
} from '../state/model.js'
import { compileText } from './engine.js'

/** The policies that apply to a principal, ready for `evaluate`. */
export interface PrincipalPolicies {
  identity: PolicySource[]
  boundary?: PolicySource
  /** Session policies (undefined = none were passed). */
  session?: PolicySource[]
  /**
   * Set when the caller may hold no permission at all, with the reason (a session whose role was
   * deleted): no policy of any kind, resource-based and trust policies included, may allow it.
   */
  revoked?: string
}

/** Whose policies to collect. */
export type PolicyHolder =
  | { kind: 'user'; user: UserEntity }
  | { kind: 'role'; role: RoleEntity }
  | { kind: 'group'; group: GroupEntity }

/**
 * `now` filters out inline policies and attachments not yet effective (consistency delay);
 * omit it to get everything as stored (simulation).
 */
function effective(item: { effectiveAt: number }, now: number | undefined): boolean {
  return now === undefined || item.effectiveAt <= now
}

/** The default version document of a managed policy (customer or AWS managed). */
export function managedPolicyDocument(state: EmulatorState, arn: string): { name: string; document: string } | undefined {
  if (isAwsManagedArn(arn)) {
    // iamflow's data, else the account snapshot that carried it into an account (bounded: ≤ accounts).
    let p = getAwsManagedPolicy(arn)
    if (!p) for (const account of state.accounts.values()) if ((p = getAwsManagedPolicy(arn, account.awsManagedPolicies))) break
    return p && { name: p.name, document: p.document }
  }
  const account = arn.split(':')[4]
  const p = account ? state.accounts.get(account)?.policies.get(arn) : undefined
  if (!p) return undefined
  const v = p.versions.find((x) => x.versionId === p.defaultVersionId)
  return v && { name: p.name, document: v.document }
}

function source(id: string, name: string, origin: PolicySource['origin'], text: string, kind: PolicyKind): PolicySource | undefined {
  const compiled = compileText(text, kind)
  return compiled.ok ? { id, name, origin, policy: compiled.policy } : undefined
}

function managedSource(state: EmulatorState, arn: string, kind: PolicyKind, origin?: PolicySource['origin']): PolicySource | undefined {
  const found = managedPolicyDocument(state, arn)
  if (!found) return undefined
  return source(arn, found.name, origin ?? (isAwsManagedArn(arn) ? 'aws-managed' : 'user-managed'), found.document, kind)
}

function inlineSources(owner: string, origin: 'user' | 'group' | 'role', list: InlinePolicy[], now: number | undefined): PolicySource[] {
  const out: PolicySource[] = []
  for (const p of list) {
    // Not yet effective: a replaced document is still served (old or new, never neither).
    const document = effective(p, now) ? p.document : p.previous
    if (document === undefined) continue
    const s = source(`${owner}/inline/${p.name}`, p.name, origin, document, 'identity')
    if (s) out.push(s)
  }
  return out
}

function attachedSources(state: EmulatorState, list: Attachment[], now: number | undefined): PolicySource[] {
  const out: PolicySource[] = []
  for (const a of list) {
    if (!effective(a, now)) continue
    const s = managedSource(state, a.arn, 'identity')
    if (s) out.push(s)
  }
  return out
}

function boundarySource(state: EmulatorState, boundary: Attachment | undefined, now: number | undefined): PolicySource | undefined {
  if (!boundary || !effective(boundary, now)) return undefined
  return managedSource(state, boundary.arn, 'boundary', 'boundary')
}

/**
 * Identity policies and boundary of a user (inline + attached + each group's inline + attached),
 * a role (inline + attached) or a group. Exported for SimulatePrincipalPolicy.
 */
export function collectPolicySources(
  state: EmulatorState,
  account: AccountState,
  holder: PolicyHolder,
  now?: number,
): PrincipalPolicies {
  switch (holder.kind) {
    case 'user': {
      const u = holder.user
      const identity = [
        ...inlineSources(`user/${u.name}`, 'user', u.inline, now),
        ...attachedSources(state, u.attached, now),
      ]
      for (const g of u.groups) {
        const group = account.groups.get(g)
        if (!group) continue
        identity.push(...inlineSources(`group/${group.name}`, 'group', group.inline, now), ...attachedSources(state, group.attached, now))
      }
      const boundary = boundarySource(state, u.boundary, now)
      return { identity, ...(boundary ? { boundary } : {}) }
    }
    case 'role': {
      const r = holder.role
      const identity = [...inlineSources(`role/${r.name}`, 'role', r.inline, now), ...attachedSources(state, r.attached, now)]
      const boundary = boundarySource(state, r.boundary, now)
      return { identity, ...(boundary ? { boundary } : {}) }
    }
    case 'group': {
      const g = holder.group
      return { identity: [...inlineSources(`group/${g.name}`, 'group', g.inline, now), ...attachedSources(state, g.attached, now)] }
    }
    default: {
      const unreachable: never = holder
      throw new Error(`internal error: unknown policy holder ${JSON.stringify(unreachable)}`)
    }
  }
}

/** Session policies passed at AssumeRole, compiled (undefined = none were passed). */
export function sessionPolicySources(state: EmulatorState, session: SessionEntity): PolicySource[] | undefined {
  const sp = session.sessionPolicy
  if (!sp) return undefined
  const out: PolicySource[] = []
  if (sp.inline !== undefined) {
    const s = source(`session/${session.sessionName ?? session.accessKeyId}/inline`, 'session policy', 'session', sp.inline, 'session')
    if (s) out.push(s)
  }
  for (const arn of sp.arns) {
    const s = managedSource(state, arn, 'session', 'session')
    if (s) out.push(s)
  }
  return out
}
