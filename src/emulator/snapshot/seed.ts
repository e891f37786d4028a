import { randomUUID } from 'node:crypto'
import { InputError } from '../../errors.js'
import { getAwsManagedPolicy } from '../managed-policies/index.js'
import { extrasOf } from '../services/iam/account-extras.js'
import { objectMap, type AccountState, type EmulatorState, type InlinePolicy, type Tag } from '../state/model.js'
import type { AccountSnapshot, SnapshotInline } from './format.js'

/**
 * Seed an (empty) account of the emulator with a snapshot: users, groups, roles, customer
 * managed policies (every version), instance profiles, OIDC and SAML providers, the password
 * policy, the alias, and the account's buckets with their policy, Block Public Access and
 * Object Ownership (no objects). Names, ids, ARNs and dates are the snapshot's. Everything
 * exists at once (no consistency delay). No access key, login profile or MFA device is made:
 * a snapshot has none, and principals are acted as through `impersonate` identities.
 */
export function seedAccount(state: EmulatorState, snap: AccountSnapshot, file: string): void {
  const account = state.accounts.get(snap.AccountId)
  if (!account) throw new Error(`internal error: account ${snap.AccountId} does not exist`)
  if (account.users.size + account.roles.size + account.groups.size + account.policies.size > 0) {
    throw new InputError('snapshot-conflict', `cannot load ${file}: account ${snap.AccountId} already holds users, roles, groups or policies`, {
      hint: 'load a snapshot into a fresh emulator (serve --import without --state, or a new state file)',
    })
  }
  registerAwsManaged(account, snap)
  const when = (iso: string) => Date.parse(iso)
  const inline = (list: SnapshotInline[]): InlinePolicy[] => list.map((p) => ({ name: p.PolicyName, document: p.PolicyDocument, effectiveAt: 0 }))
  const attach = (arns: string[], at: string) =>
    arns.map((arn) => {
      checkPolicyRef(account, snap, arn, at, file)
      return { arn, effectiveAt: 0 }
    })
  const tags = (list: Tag[]) => list.map((t) => ({ Key: t.Key, Value: t.Value }))

  for (const p of snap.Policies) {
    account.policies.set(p.Arn, {
      name: p.PolicyName,
      id: p.PolicyId,
      arn: p.Arn,
      path: p.Path,
      ...(p.Description !== undefined ? { description: p.Description } : {}),
      createDate: when(p.CreateDate),
      updateDate: when(p.UpdateDate),
      defaultVersionId: p.DefaultVersionId,
      versions: p.Versions.map((v) => ({ versionId: v.VersionId, document: v.Document, createDate: when(v.CreateDate) })),
      nextVersion: Math.max(...p.Versions.map((v) => Number(v.VersionId.slice(1)))) + 1,
      tags: [],
    })
  }
  for (const g of snap.Groups) {
    account.groups.set(g.GroupName.toLowerCase(), {
      name: g.GroupName,
      id: g.GroupId,
      arn: g.Arn,
      path: g.Path,
      createDate: when(g.CreateDate),
      inline: inline(g.InlinePolicies),
      attached: attach(g.AttachedPolicies, `group ${g.GroupName}`),
      members: [],
    })
  }
  for (const u of snap.Users) {
    const key = u.UserName.toLowerCase()
    const groups = u.Groups.map((g) => g.toLowerCase())
    for (const g of groups) account.groups.get(g)!.members.push(key)
    account.users.set(key, {
      name: u.UserName,
      id: u.UserId,
      arn: u.Arn,
      path: u.Path,
      createDate: when(u.CreateDate),
      tags: tags(u.Tags),
      ...(u.PermissionsBoundary !== undefined ? { boundary: attach([u.PermissionsBoundary], `user ${u.UserName}`)[0]! } : {}),
      inline: inline(u.InlinePolicies),
      attached: attach(u.AttachedPolicies, `user ${u.UserName}`),
      groups,
    })
  }
  const extras = extrasOf(account)
  for (const x of snap.Roles) {
    account.roles.set(x.RoleName.toLowerCase(), {
      name: x.RoleName,
      id: x.RoleId,
      arn: x.Arn,
      path: x.Path,
      createDate: when(x.CreateDate),
      trustPolicy: x.AssumeRolePolicyDocument,
      trustEffectiveAt: 0,
      ...(x.Description !== undefined ? { description: x.Description } : {}),
      maxSessionDuration: x.MaxSessionDuration,
      ...(x.PermissionsBoundary !== undefined ? { boundary: attach([x.PermissionsBoundary], `role ${x.RoleName}`)[0]! } : {}),
      tags: tags(x.Tags),
      inline: inline(x.InlinePolicies),
      attached: attach(x.AttachedPolicies, `role ${x.RoleName}`),
    })
    for (const p of x.InstanceProfiles) {
      const known = extras.instanceProfiles.find((e) => e.arn === p.Arn)
      if (known) known.roles.push(x.RoleName.toLowerCase())
      else extras.instanceProfiles.push({ name: p.InstanceProfileName, id: p.InstanceProfileId, arn: p.Arn, path: p.Path, createDate: when(p.CreateDate), tags: [], roles: [x.RoleName.toLowerCase()] })
    }
  }
  if (snap.AccountAlias !== undefined) extras.aliases = [snap.AccountAlias]
  const pp = snap.PasswordPolicy
  if (pp) {
    extras.passwordPolicy = {
      minimumPasswordLength: pp.MinimumPasswordLength,
      requireSymbols: pp.RequireSymbols,
      requireNumbers: pp.RequireNumbers,
      requireUppercaseCharacters: pp.RequireUppercaseCharacters,
      requireLowercaseCharacters: pp.RequireLowercaseCharacters,
      allowUsersToChangePassword: pp.AllowUsersToChangePassword,
      ...(pp.MaxPasswordAge !== undefined ? { maxPasswordAge: pp.MaxPasswordAge } : {}),
      ...(pp.PasswordReusePrevention !== undefined ? { passwordReusePrevention: pp.PasswordReusePrevention } : {}),
      ...(pp.HardExpiry !== undefined ? { hardExpiry: pp.HardExpiry } : {}),
    }
  }
  if (snap.OpenIDConnectProviders.length > 0) {
    account.oidcProviders = snap.OpenIDConnectProviders.map((p) => ({ arn: p.Arn, url: p.Url, clientIds: [...p.ClientIDList], thumbprints: [...p.ThumbprintList], createDate: when(p.CreateDate), tags: tags(p.Tags) }))
  }
  if (snap.SAMLProviders.length > 0) {
    account.samlProviders = snap.SAMLProviders.map((p) => ({
      arn: p.Arn,
      name: p.Arn.slice(p.Arn.indexOf(':saml-provider/') + ':saml-provider/'.length),
      uuid: `p-${randomUUID()}`,
      metadata: p.SAMLMetadataDocument,
      validUntil: p.ValidUntil !== undefined ? when(p.ValidUntil) : when(p.CreateDate) + 100 * 365 * 86_400_000,
      createDate: when(p.CreateDate),
      tags: tags(p.Tags),
    }))
  }
  for (const b of snap.Buckets) {
    const other = state.buckets.get(b.Name)
    if (other) throw new InputError('snapshot-conflict', `cannot load ${file}: bucket ${b.Name} already exists in account ${other.accountId}`, { hint: 'bucket names are global: load the snapshot into a fresh emulator' })
    state.buckets.set(b.Name, {
      name: b.Name,
      region: b.Region ?? 'us-east-1',
      accountId: account.id,
      createDate: b.CreationDate !== undefined ? when(b.CreationDate) : 0,
      objects: objectMap(),
      versions: objectMap(),
      ...(b.Policy !== undefined ? { policy: b.Policy } : {}),
      ...(b.PublicAccessBlock ? { publicAccessBlock: { ...b.PublicAccessBlock } } : {}),
      ...(b.ObjectOwnership ? { ownership: b.ObjectOwnership } : {}),
    })
  }
  // The account's own fields (extras, providers) changed: a keyed store lets the journal record them.
  state.accounts.set(account.id, account)
}

/** The AWS managed policies the snapshot carries that iamflow's data lacks, added to the seeded account only. */
function registerAwsManaged(account: AccountState, snap: AccountSnapshot): void {
  for (const p of snap.AwsManagedPolicies) {
    if (getAwsManagedPolicy(p.Arn, account.awsManagedPolicies)) continue
    ;(account.awsManagedPolicies ??= []).push({
      name: p.PolicyName,
      id: p.PolicyId,
      arn: p.Arn,
      path: p.Path,
      description: '',
      createDate: p.CreateDate,
      updateDate: p.UpdateDate,
      defaultVersionId: p.DefaultVersionId,
      document: p.Document,
    })
  }
}

function checkPolicyRef(account: AccountState, snap: AccountSnapshot, arn: string, at: string, file: string): void {
  if (arn.startsWith('arn:aws:iam::aws:policy/')) {
    if (getAwsManagedPolicy(arn, account.awsManagedPolicies)) return
    throw new InputError('bad-snapshot', `${file}: ${at} uses the AWS managed policy ${arn}, which neither the snapshot (AwsManagedPolicies) nor iamflow knows`, {
      hint: 'take the snapshot with `iamflow snapshot` (it includes the documents of the AWS managed policies in use)',
    })
  }
  if (account.policies.get(arn)) return
  throw new InputError('bad-snapshot', `${file}: ${at} uses the policy ${arn}, which the snapshot does not hold (account ${snap.AccountId})`)
}
