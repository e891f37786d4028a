import { xmlMap } from '../../protocols/xml.js'
import { authorize } from './access.js'
import { defineOps } from './define-ops.js'
import { ENTITY_KINDS, MAX_ATTACHED_POLICIES } from './entity-kinds.js'
import { MAX_ACCESS_KEYS } from './access-keys.js'
import { MAX_GROUPS_PER_USER } from './groups.js'
import { MAX_MANAGED_POLICY_SIZE } from './managed-policies.js'
import { MAX_POLICY_VERSIONS } from './policy-versions.js'
import { accountOf } from './store.js'
import { MAX_TRUST_POLICY_SIZE } from './trust.js'
import { DEFAULT_ACCOUNT_QUOTAS } from './quotas.js'
import { globalEndpointTokenVersion } from './token-preferences.js'
import { policyUsage } from './usage.js'

/** GetAccountSummary: counts and quotas of the account. */

export const accountSummaryOperations = defineOps({
  GetAccountSummary(ctx, _input: Record<string, never>) {
    authorize(ctx, 'GetAccountSummary', '*')
    const account = accountOf(ctx)
    let rootKeys = 0
    for (const k of ctx.state.accessKeys.values()) if (k.accountId === account.id && k.userName === undefined) rootKeys++
    let versionsInUse = 0
    for (const [arn, u] of policyUsage(account)) if (account.policies.has(arn)) versionsInUse += u.attachments + u.boundaries
    const quotas = ctx.quotas ?? DEFAULT_ACCOUNT_QUOTAS
    const summary: Record<string, number> = {
      Users: account.users.size,
      UsersQuota: quotas.users,
      Groups: account.groups.size,
      GroupsQuota: quotas.groups,
      ServerCertificates: account.iam?.serverCertificates?.length ?? 0,
      ServerCertificatesQuota: 20,
      UserPolicySizeQuota: ENTITY_KINDS.user.inlineQuota,
      GroupPolicySizeQuota: ENTITY_KINDS.group.inlineQuota,
      GroupsPerUserQuota: MAX_GROUPS_PER_USER,
      SigningCertificatesPerUserQuota: 2,
      AccessKeysPerUserQuota: MAX_ACCESS_KEYS,
      MFADevices: 0,
      MFADevicesInUse: 0,
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: rootKeys > 0 ? 1 : 0,
      AccountPasswordPresent: 1,
      AccountSigningCertificatesPresent: 0,
      AttachedPoliciesPerGroupQuota: MAX_ATTACHED_POLICIES,
      AttachedPoliciesPerRoleQuota: MAX_ATTACHED_POLICIES,
      AttachedPoliciesPerUserQuota: MAX_ATTACHED_POLICIES,
      Policies: account.policies.size,
      PoliciesQuota: quotas.policies,
      PolicySizeQuota: MAX_MANAGED_POLICY_SIZE,
      PolicyVersionsInUse: versionsInUse,
      PolicyVersionsInUseQuota: 10000,
      VersionsPerPolicyQuota: MAX_POLICY_VERSIONS,
      GlobalEndpointTokenVersion: globalEndpointTokenVersion(account.iam),
      Roles: account.roles.size,
      RolesQuota: quotas.roles,
      RolePolicySizeQuota: ENTITY_KINDS.role.inlineQuota,
      InstanceProfiles: account.iam?.instanceProfiles?.length ?? 0,
      InstanceProfilesQuota: 1000,
      Providers: 0,
      AssumeRolePolicySizeQuota: MAX_TRUST_POLICY_SIZE,
    }
    return { SummaryMap: xmlMap(summary) }
  },
})
