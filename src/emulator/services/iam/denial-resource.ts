/**
 * How IAM names the resource in an AccessDenied message. Most IAM actions show the target's ARN
 * (`iam:CreateRole on resource: arn:aws:iam::123456789012:role/R`), but the policy-management
 * actions show a kind and a name instead, as real denials quoted in public issue threads show:
 *
 * - `iam:CreatePolicy on resource: policy MyPolicy` (the name: the policy has no ARN yet)
 * - `iam:GetPolicy on resource: policy arn:aws:iam::123456789012:policy/P`,
 *   `iam:CreatePolicyVersion on resource: policy arn:...` (a kind, then the ARN)
 * - `iam:PutRolePolicy`, `DeleteRolePolicy`, `ListRolePolicies`, `AttachRolePolicy`,
 *   `DetachRolePolicy`, `ListAttachedRolePolicies`, `UpdateAssumeRolePolicy`
 *   `on resource: role R`
 * - `iam:PutUserPolicy`, `ListUserPolicies`, `AttachUserPolicy`, `ListAttachedUserPolicies`
 *   `on resource: user alice`; `iam:PutGroupPolicy on resource: group devs`
 *
 * The other members of these families (Get*Policy, DeleteUserPolicy, Detach{User,Group}Policy,
 * the group list actions, the other policy-version actions, DeletePolicy, ListEntitiesForPolicy)
 * are named the same way by analogy (unconfirmed). Permissions boundaries and tags keep the ARN
 * (observed for PutRolePermissionsBoundary).
 */

type Naming = 'entity-name' | 'policy-name' | 'policy-arn'

const NAMING: Record<string, Naming> = {}
for (const kind of ['User', 'Role', 'Group']) {
  for (const action of [`Put${kind}Policy`, `Get${kind}Policy`, `Delete${kind}Policy`, `List${kind}Policies`]) NAMING[action] = 'entity-name'
  for (const action of [`Attach${kind}Policy`, `Detach${kind}Policy`, `ListAttached${kind}Policies`]) NAMING[action] = 'entity-name'
}
NAMING.UpdateAssumeRolePolicy = 'entity-name'
NAMING.CreatePolicy = 'policy-name'
for (const action of [
  'GetPolicy',
  'DeletePolicy',
  'ListEntitiesForPolicy',
  'CreatePolicyVersion',
  'GetPolicyVersion',
  'ListPolicyVersions',
  'SetDefaultPolicyVersion',
  'DeletePolicyVersion',
]) {
  NAMING[action] = 'policy-arn'
}

/** `arn:aws:iam::1:role/path/R` -> [`role`, `R`]. */
function kindAndName(arn: string): [string, string] | undefined {
  const resource = arn.split(':')[5]
  if (!resource) return undefined
  const slash = resource.indexOf('/')
  if (slash < 0) return undefined
  return [resource.slice(0, slash), resource.slice(resource.lastIndexOf('/') + 1)]
}

/**
 * The resource as IAM words it in the AccessDenied message of `iam:<action>` on `arn`, or
 * undefined when it is the ARN itself.
 */
export function denialResource(action: string, arn: string): string | undefined {
  const naming = Object.hasOwn(NAMING, action) ? NAMING[action] : undefined
  if (!naming) return undefined
  if (naming === 'policy-arn') return `policy ${arn}`
  const parts = kindAndName(arn)
  if (!parts) return undefined
  return naming === 'policy-name' ? `policy ${parts[1]}` : `${parts[0]} ${parts[1]}`
}
