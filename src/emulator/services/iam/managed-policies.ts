import type { IamInputs } from '../../../aws-model/inputs.generated.js'
import { arns } from '../../arn.js'
import { uniqueId } from '../../ids.js'
import { policySortKey, type AccountState, type ManagedPolicyEntity } from '../../state/model.js'
import type { SortedSource } from '../../state/sorted-map.js'
import { authorize, authorizePolicy } from './access.js'
import { awsManagedSorted } from './aws-managed.js'
import { defineOps } from './define-ops.js'
import { checkDocument } from './documents.js'
import { iamErrors } from './errors.js'
import { paginate, paginateInOrder, paginateSorted, type Page } from './paginate.js'
import { policyOut } from './policy-output.js'
import { checkAccountQuota } from './quotas.js'
import { addPolicy, policyByName, removePolicy } from './policy-names.js'
import { customerPoliciesSorted, customerView, findPolicy, policyArnAccount, requireCustomerPolicy, requirePolicy, type PolicyView } from './policy-view.js'
import { accountOf } from './store.js'
import { requestTagContext, requestTags } from './tags.js'
import { policyUsage, usageOf, type PolicyUsage } from './usage.js'

/** Customer and AWS managed policies: Create/Get/Delete/ListPolicies, ListEntitiesForPolicy. */

/** Managed policy document size quota (characters, whitespace excluded). */
export const MAX_MANAGED_POLICY_SIZE = 6144

/** Parse and size-check a managed policy document (CreatePolicy, CreatePolicyVersion). */
export function checkManagedDocument(text: string): void {
  const checked = checkDocument(text, 'identity', { managed: true })
  if (checked.size > MAX_MANAGED_POLICY_SIZE) throw iamErrors.quota('PolicySize', MAX_MANAGED_POLICY_SIZE)
}

type UsageFilter = 'PermissionsPolicy' | 'PermissionsBoundary'

function inUse(usage: Readonly<PolicyUsage> | undefined, filter: UsageFilter | undefined): boolean {
  if (!usage) return false
  if (filter === 'PermissionsPolicy') return usage.attachments > 0
  if (filter === 'PermissionsBoundary') return usage.boundaries > 0
  return usage.attachments + usage.boundaries > 0
}

type ListPoliciesInput = IamInputs['ListPolicies']

/**
 * ListPolicies' page. Without OnlyAttached: a walk from the marker over the (AWS and/or
 * customer) policies in order. With it: only the policies in use are candidates (the usage
 * tally holds exactly those), however many policies the account has.
 */
function listPoliciesPage(account: AccountState, input: ListPoliciesInput): Page<PolicyView> {
  const scope = input.Scope ?? 'All'
  const prefix = input.PathPrefix ?? '/'
  const inScope = (p: PolicyView) => (p.awsManaged ? scope !== 'Local' : scope !== 'AWS')
  if (input.OnlyAttached) {
    const used: PolicyView[] = []
    for (const [arn, u] of policyUsage(account)) {
      if (!inUse(u, input.PolicyUsageFilter)) continue
      const view = findPolicy(account, arn)
      if (view && inScope(view) && view.path.startsWith(prefix)) used.push(view)
    }
    return paginate(used, policySortKey, input)
  }
  const sources: Array<SortedSource<PolicyView>> = []
  if (scope !== 'Local') sources.push(awsManagedSorted(account))
  if (scope !== 'AWS') sources.push(customerPoliciesSorted(account))
  return paginateSorted(sources, input, (p) => p.path.startsWith(prefix))
}

export const managedPolicyOperations = defineOps({
  CreatePolicy(ctx, input) {
    const account = accountOf(ctx)
    const path = input.Path ?? '/'
    const tags = requestTags(input.Tags, 'policy')
    const arn = arns.policy(account.id, path, input.PolicyName)
    authorize(ctx, 'CreatePolicy', arn, requestTagContext(tags))
    if (policyByName(account, input.PolicyName)) throw iamErrors.policyAlreadyExists(input.PolicyName)
    checkManagedDocument(input.PolicyDocument)
    checkAccountQuota(ctx, 'policies', account.policies.size)
    const entity: ManagedPolicyEntity = {
      name: input.PolicyName,
      id: uniqueId('ANPA'),
      arn,
      path,
      createDate: ctx.now,
      updateDate: ctx.now,
      defaultVersionId: 'v1',
      versions: [{ versionId: 'v1', document: input.PolicyDocument, createDate: ctx.now }],
      nextVersion: 2,
      tags,
    }
    if (input.Description !== undefined) entity.description = input.Description
    addPolicy(account, entity)
    return { Policy: policyOut(customerView(entity), { attachments: 0, boundaries: 0 }, 'create') }
  },

  GetPolicy(ctx, input) {
    policyArnAccount(input.PolicyArn)
    authorizePolicy(ctx, 'GetPolicy', input.PolicyArn)
    const account = accountOf(ctx)
    const view = requirePolicy(account, input.PolicyArn)
    return { Policy: policyOut(view, usageOf(account, view.arn), 'get') }
  },

  DeletePolicy(ctx, input) {
    policyArnAccount(input.PolicyArn)
    authorizePolicy(ctx, 'DeletePolicy', input.PolicyArn)
    const account = accountOf(ctx)
    const entity = requireCustomerPolicy(account, input.PolicyArn)
    const usage = usageOf(account, entity.arn)
    if (usage.attachments + usage.boundaries > 0) throw iamErrors.deleteConflict('Cannot delete a policy attached to entities.')
    if (entity.versions.length > 1) {
      throw iamErrors.deleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      )
    }
    removePolicy(account, entity)
    return undefined
  },

  ListPolicies(ctx, input) {
    const account = accountOf(ctx)
    authorize(ctx, 'ListPolicies', '*')
    const page = listPoliciesPage(account, input)
    return {
      Policies: page.items.map((p) => policyOut(p, usageOf(account, p.arn), 'list')),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    }
  },

  ListEntitiesForPolicy(ctx, input) {
    policyArnAccount(input.PolicyArn)
    authorizePolicy(ctx, 'ListEntitiesForPolicy', input.PolicyArn)
    const account = accountOf(ctx)
    const view = requirePolicy(account, input.PolicyArn)
    const prefix = input.PathPrefix ?? '/'
    const filter = input.EntityFilter
    const uses = (e: { attached: Array<{ arn: string }>; boundary?: { arn: string } }) => {
      const attached = e.attached.some((a) => a.arn === view.arn)
      const boundary = e.boundary?.arn === view.arn
      if (input.PolicyUsageFilter === 'PermissionsPolicy') return attached
      if (input.PolicyUsageFilter === 'PermissionsBoundary') return boundary
      return attached || boundary
    }
    type Row = { kind: 'group' | 'user' | 'role'; name: string; id: string }
    const rows: Row[] = []
    const want = (kind: 'User' | 'Role' | 'Group') => filter === undefined || filter === kind
    if (want('Group')) for (const g of account.groups.sortedValues()) if (g.path.startsWith(prefix) && uses(g)) rows.push({ kind: 'group', name: g.name, id: g.id })
    if (want('User')) for (const u of account.users.sortedValues()) if (u.path.startsWith(prefix) && uses(u)) rows.push({ kind: 'user', name: u.name, id: u.id })
    if (want('Role')) for (const r of account.roles.sortedValues()) if (r.path.startsWith(prefix) && uses(r)) rows.push({ kind: 'role', name: r.name, id: r.id })
    const page = paginateInOrder(rows, input)
    const of = (kind: Row['kind']) => page.items.filter((r) => r.kind === kind)
    return {
      PolicyGroups: of('group').map((r) => ({ GroupName: r.name, GroupId: r.id })),
      PolicyUsers: of('user').map((r) => ({ UserName: r.name, UserId: r.id })),
      PolicyRoles: of('role').map((r) => ({ RoleName: r.name, RoleId: r.id })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    }
  },
})
