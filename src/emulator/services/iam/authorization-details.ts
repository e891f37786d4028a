import type { AccountState, Attachment, InlinePolicy } from '../../state/model.js'
import { authorize } from './access.js'
import { defineOps } from './define-ops.js'
import { boundaryOut, date, encodePolicyDocument, groupOut, tagsOut } from './output.js'
import { paginateInOrder } from './paginate.js'
import { versionOut } from './policy-output.js'
import { allPolicies, findPolicy, type PolicyView } from './policy-view.js'
import { key } from './store.js'
import { profileOut, profilesOfRole } from './instance-profiles.js'
import { policyUsage } from './usage.js'

/**
 * GetAccountAuthorizationDetails: every user, group, role and managed policy of the account
 * with their policies inlined (documents URL-encoded). AWS managed policies appear only when
 * something in the account uses them.
 */

type Filter = 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy'

const inlineOut = (list: InlinePolicy[]) =>
  list.map((p) => ({ PolicyName: p.name, PolicyDocument: encodePolicyDocument(p.document) }))

function attachedOut(account: AccountState, list: Attachment[]) {
  return list.map((a) => ({ PolicyName: findPolicy(account, a.arn)?.name ?? a.arn.split('/').pop(), PolicyArn: a.arn }))
}

const byName = <T extends { name: string }>(xs: Iterable<T>) => [...xs].sort((a, b) => (key(a.name) < key(b.name) ? -1 : 1))

type Row =
  | { kind: 'user'; value: unknown }
  | { kind: 'group'; value: unknown }
  | { kind: 'role'; value: unknown }
  | { kind: 'policy'; value: unknown }

export const authorizationDetailsOperations = defineOps({
  GetAccountAuthorizationDetails(ctx, input) {
    authorize(ctx, 'GetAccountAuthorizationDetails', '*')
    const account = ctx.caller.account
    const filter = input.Filter && input.Filter.length > 0 ? new Set(input.Filter) : undefined
    const want = (f: Filter) => !filter || filter.has(f)
    const usage = policyUsage(account)
    const rows: Row[] = []
    if (want('User')) {
      for (const u of account.users.sortedValues()) {
        rows.push({
          kind: 'user',
          value: {
            Path: u.path,
            UserName: u.name,
            UserId: u.id,
            Arn: u.arn,
            CreateDate: date(u.createDate),
            UserPolicyList: inlineOut(u.inline),
            GroupList: u.groups.map((g) => account.groups.get(g)?.name ?? g),
            AttachedManagedPolicies: attachedOut(account, u.attached),
            PermissionsBoundary: boundaryOut(u.boundary),
            Tags: tagsOut(u.tags),
          },
        })
      }
    }
    if (want('Group')) {
      for (const g of account.groups.sortedValues()) {
        rows.push({
          kind: 'group',
          value: { ...groupOut(g), GroupPolicyList: inlineOut(g.inline), AttachedManagedPolicies: attachedOut(account, g.attached) },
        })
      }
    }
    if (want('Role')) {
      for (const r of account.roles.sortedValues()) {
        rows.push({
          kind: 'role',
          value: {
            Path: r.path,
            RoleName: r.name,
            RoleId: r.id,
            Arn: r.arn,
            CreateDate: date(r.createDate),
            AssumeRolePolicyDocument: encodePolicyDocument(r.trustPolicy),
            InstanceProfileList: profilesOfRole(account, r.name).map((p) => profileOut(account, p, false)),
            RolePolicyList: inlineOut(r.inline),
            AttachedManagedPolicies: attachedOut(account, r.attached),
            PermissionsBoundary: boundaryOut(r.boundary),
            Tags: tagsOut(r.tags),
            RoleLastUsed: r.lastUsed ? { LastUsedDate: date(r.lastUsed.date), Region: r.lastUsed.region } : {},
          },
        })
      }
    }
    const policies: PolicyView[] = []
    if (want('LocalManagedPolicy')) policies.push(...allPolicies(account, 'Local'))
    if (want('AWSManagedPolicy')) policies.push(...allPolicies(account, 'AWS').filter((p) => usage.has(p.arn)))
    for (const p of byName(policies)) {
      const u = usage.get(p.arn) ?? { attachments: 0, boundaries: 0 }
      rows.push({
        kind: 'policy',
        value: {
          PolicyName: p.name,
          PolicyId: p.id,
          Arn: p.arn,
          Path: p.path,
          DefaultVersionId: p.defaultVersionId,
          AttachmentCount: u.attachments,
          PermissionsBoundaryUsageCount: u.boundaries,
          IsAttachable: true,
          Description: p.description,
          CreateDate: date(p.createDate),
          UpdateDate: date(p.updateDate),
          PolicyVersionList: p.versions.map((v) => versionOut(v, p.defaultVersionId, true)),
        },
      })
    }
    const page = paginateInOrder(rows, input)
    const of = (kind: Row['kind']) => page.items.filter((r) => r.kind === kind).map((r) => r.value)
    return {
      UserDetailList: of('user'),
      GroupDetailList: of('group'),
      RoleDetailList: of('role'),
      Policies: of('policy'),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    }
  },
})
