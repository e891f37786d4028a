import { ownGet } from '../safe-object.js'

/**
 * What `--unique-names` renames: the kinds of named things a run creates that live in a shared
 * namespace (an account, or S3's global bucket namespace), so that two runs of one lab on one
 * account collide on them.
 *
 * Not here, on purpose: inline policy names (`PolicyName` of put/get/delete*Policy) and access
 * keys, login profiles, policy versions, tags and group memberships live inside a user, role,
 * group or policy that is itself renamed, so they cannot collide; session names
 * (`RoleSessionName`) name nothing stored.
 */
export type NameKind = 'user' | 'role' | 'group' | 'policy' | 'instance-profile' | 'bucket' | 'mfa' | 'oidc-provider' | 'saml-provider'

/** Which thing a create-like action names, and in which input member (see `ActionDefinition.createsName`). */
export interface CreatedName {
  member: string
  kind: NameKind
}

/**
 * Input (and output) members that hold the name of a thing of a kind, in every action that has
 * them (AWS's member names mean the same in every IAM, STS and S3 operation). `PolicyName` is not
 * one: outside `iam.createPolicy` it names an inline policy. `Url` and `Issuer` hold an OIDC
 * provider's URL (`https://HOST/PATH`), `CopySource` a `BUCKET/KEY` path.
 */
const MEMBERS: ReadonlyMap<string, NameKind> = new Map<string, NameKind>([
  ['UserName', 'user'],
  ['NewUserName', 'user'],
  ['RoleName', 'role'],
  ['GroupName', 'group'],
  ['NewGroupName', 'group'],
  ['InstanceProfileName', 'instance-profile'],
  ['Bucket', 'bucket'],
  ['VirtualMFADeviceName', 'mfa'],
  ['Url', 'oidc-provider'],
  ['Issuer', 'oidc-provider'],
])

/** The kind a member holds the name of, in any action; undefined for members that name nothing renamed. */
export function memberKind(member: string): NameKind | undefined {
  return MEMBERS.get(member)
}

/** `CopySource` (`BUCKET/KEY`, optionally with a leading `/`): a bucket name in a path. */
export const BUCKET_PATH_MEMBER = 'CopySource'

/**
 * The resource types of IAM ARNs (`arn:aws:iam::ACCOUNT:TYPE/PATH/NAME`) whose last segment is a
 * name of a kind. `oidc-provider/HOST/PATH` is the whole rest.
 */
const IAM_ARN_TYPES: ReadonlyMap<string, NameKind> = new Map<string, NameKind>([
  ['user', 'user'],
  ['role', 'role'],
  ['group', 'group'],
  ['policy', 'policy'],
  ['instance-profile', 'instance-profile'],
  ['mfa', 'mfa'],
  ['oidc-provider', 'oidc-provider'],
  ['saml-provider', 'saml-provider'],
])

/** The kind an IAM ARN resource type names (`user` -> user), if renamed at all. */
export function iamArnKind(type: string): NameKind | undefined {
  return IAM_ARN_TYPES.get(type)
}

/**
 * AWS's length limits where the model states none for the member (S3's model gives `Bucket` no
 * length; the S3 User Guide, "Bucket naming rules": 3 to 63 characters).
 */
const FALLBACK_MAX: Partial<Record<NameKind, number>> = { bucket: 63 }

/**
 * The longest value the created name's member accepts: the action's input schema (AWS's model:
 * UserName and RoleName 64, GroupName, PolicyName and InstanceProfileName 128,
 * Url 255; VirtualMFADeviceName has none), else the documented limit.
 */
export function maxNameLength(action: { input: Record<string, unknown> }, created: CreatedName): number | undefined {
  const props = action.input.properties as Record<string, { maxLength?: unknown }> | undefined
  const max = ownGet(props ?? {}, created.member)?.maxLength
  return typeof max === 'number' ? max : FALLBACK_MAX[created.kind]
}
