import type { UndoSpec } from '../actions/define-action.js'
import { isGone } from '../aws/errors.js'
import { type ActionCaller, CallError, type CallResult, unwrap } from './caller.js'
import { ownGet } from '../safe-object.js'

/**
 * AWS's ordering needs during teardown. When a delete answers `DeleteConflict` (IAM) or
 * `BucketNotEmpty` (S3), the resource still has dependents the ledger did not reverse first
 * (kept steps, things created by pass-through calls or by the lab's own identities, recovered
 * intents). Deleting a resource this run created requires removing them, so these resolvers
 * list and remove the dependents, and the teardown retries the delete once.
 *
 * The table is keyed by the undo action; an action missing here has no known dependents.
 */
export type DependencyResolution = 'retry' | 'superseded' | 'none'

export interface DependencyContext {
  call: ActionCaller
  /** Undo calls still to replay after this one (to see whether a parent delete follows). */
  later: UndoSpec[]
}

type Resolver = (input: Record<string, unknown>, ctx: DependencyContext) => Promise<DependencyResolution>

const resolvers: Record<string, Resolver> = {
  'iam.deleteUser': async (input, { call }) => {
    const UserName = input.UserName
    for (const k of await listAll(call, 'iam.listAccessKeys', { UserName }, 'AccessKeyMetadata')) {
      await ignoreGone(call('iam.deleteAccessKey', { UserName, AccessKeyId: k.AccessKeyId }), 'delete access key')
    }
    await ignoreGone(call('iam.deleteLoginProfile', { UserName }), 'delete login profile')
    for (const name of await listAll(call, 'iam.listUserPolicies', { UserName }, 'PolicyNames')) {
      await ignoreGone(call('iam.deleteUserPolicy', { UserName, PolicyName: name }), 'delete inline policy')
    }
    for (const p of await listAll(call, 'iam.listAttachedUserPolicies', { UserName }, 'AttachedPolicies')) {
      await ignoreGone(call('iam.detachUserPolicy', { UserName, PolicyArn: p.PolicyArn }), 'detach policy')
    }
    for (const g of await listAll(call, 'iam.listGroupsForUser', { UserName }, 'Groups')) {
      await ignoreGone(call('iam.removeUserFromGroup', { UserName, GroupName: g.GroupName }), 'remove from group')
    }
    for (const m of await listAll(call, 'iam.listMFADevices', { UserName }, 'MFADevices')) {
      await ignoreGone(call('iam.deactivateMFADevice', { UserName, SerialNumber: m.SerialNumber }), 'deactivate MFA device')
    }
    return 'retry'
  },
  'iam.deleteRole': async (input, { call }) => {
    const RoleName = input.RoleName
    for (const name of await listAll(call, 'iam.listRolePolicies', { RoleName }, 'PolicyNames')) {
      await ignoreGone(call('iam.deleteRolePolicy', { RoleName, PolicyName: name }), 'delete inline policy')
    }
    for (const p of await listAll(call, 'iam.listAttachedRolePolicies', { RoleName }, 'AttachedPolicies')) {
      await ignoreGone(call('iam.detachRolePolicy', { RoleName, PolicyArn: p.PolicyArn }), 'detach policy')
    }
    for (const ip of await listAll(call, 'iam.listInstanceProfilesForRole', { RoleName }, 'InstanceProfiles')) {
      await ignoreGone(call('iam.removeRoleFromInstanceProfile', { RoleName, InstanceProfileName: ip.InstanceProfileName }), 'remove from instance profile')
    }
    return 'retry'
  },
  'iam.deleteGroup': async (input, { call }) => {
    const GroupName = input.GroupName
    for (const u of await listAll(call, 'iam.getGroup', { GroupName }, 'Users')) {
      await ignoreGone(call('iam.removeUserFromGroup', { GroupName, UserName: u.UserName }), 'remove member')
    }
    for (const name of await listAll(call, 'iam.listGroupPolicies', { GroupName }, 'PolicyNames')) {
      await ignoreGone(call('iam.deleteGroupPolicy', { GroupName, PolicyName: name }), 'delete inline policy')
    }
    for (const p of await listAll(call, 'iam.listAttachedGroupPolicies', { GroupName }, 'AttachedPolicies')) {
      await ignoreGone(call('iam.detachGroupPolicy', { GroupName, PolicyArn: p.PolicyArn }), 'detach policy')
    }
    return 'retry'
  },
  'iam.deletePolicy': async (input, { call }) => {
    const PolicyArn = input.PolicyArn
    for (const v of await listAll(call, 'iam.listPolicyVersions', { PolicyArn }, 'Versions')) {
      if (!v.IsDefaultVersion) await ignoreGone(call('iam.deletePolicyVersion', { PolicyArn, VersionId: v.VersionId }), 'delete policy version')
    }
    const entities = await listAllPages(call, 'iam.listEntitiesForPolicy', { PolicyArn })
    for (const [list, detach, key] of [
      ['PolicyUsers', 'iam.detachUserPolicy', 'UserName'],
      ['PolicyRoles', 'iam.detachRolePolicy', 'RoleName'],
      ['PolicyGroups', 'iam.detachGroupPolicy', 'GroupName'],
    ] as const) {
      for (const e of entities.flatMap((page) => (page[list] as any[] | undefined) ?? [])) {
        await ignoreGone(call(detach, { PolicyArn, [key]: e[key] }), 'detach policy')
      }
    }
    return 'retry'
  },
  // The default version cannot be deleted on its own; deleting the policy (later) removes it.
  'iam.deletePolicyVersion': async (input, { later }) =>
    later.some((u) => u.action === 'iam.deletePolicy' && u.input.PolicyArn === input.PolicyArn) ? 'superseded' : 'none',
  's3.deleteBucket': async (input, { call }) => {
    const Bucket = input.Bucket
    let ContinuationToken: string | undefined
    do {
      const page = unwrap(await call('s3.listObjectsV2', { Bucket, ...(ContinuationToken ? { ContinuationToken } : {}) }), 'list objects') as {
        Contents?: Array<{ Key?: string }>
        NextContinuationToken?: string
        IsTruncated?: boolean
      }
      for (const o of page.Contents ?? []) await ignoreGone(call('s3.deleteObject', { Bucket, Key: o.Key }), 'delete object')
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (ContinuationToken)
    return 'retry'
  },
}

/** Error codes that mean "this resource still has dependents". */
export const CONFLICT_CODES = new Set(['DeleteConflict', 'BucketNotEmpty'])

/** Remove what blocks `spec` (see the table above). */
export async function resolveDependencies(spec: UndoSpec, ctx: DependencyContext): Promise<DependencyResolution> {
  const resolver = ownGet(resolvers, spec.action)
  return resolver ? resolver(spec.input, ctx) : 'none'
}

/** Every item of a paginated IAM list (Marker / IsTruncated). */
async function listAll(call: ActionCaller, action: string, input: Record<string, unknown>, member: string): Promise<any[]> {
  const pages = await listAllPages(call, action, input)
  return pages.flatMap((page) => (page[member] as any[] | undefined) ?? [])
}

/** Every page of a paginated IAM list; none when the parent is already gone. */
async function listAllPages(call: ActionCaller, action: string, input: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
  const pages: Array<Record<string, unknown>> = []
  let Marker: string | undefined
  do {
    const result = await call(action, { ...input, ...(Marker ? { Marker } : {}) })
    if (!result.ok && result.outcome.kind === 'error' && isGone(result.outcome)) return pages
    const page = unwrap(result, action) as Record<string, unknown> & { IsTruncated?: boolean; Marker?: string }
    pages.push(page)
    Marker = page.IsTruncated ? page.Marker : undefined
  } while (Marker)
  return pages
}

async function ignoreGone(pending: Promise<CallResult>, what: string): Promise<void> {
  const result = await pending
  if (result.ok) return
  if (result.outcome.kind === 'error' && isGone(result.outcome)) return
  throw new CallError(result.outcome, what)
}
