/**
 * An account snapshot: one account's IAM configuration (and its buckets' access settings) as
 * `iamflow snapshot` writes it, and as the emulator is seeded from it (`snapshot:` in a
 * scenario, `run --snapshot`, `serve --import`). Member names are AWS's own (those of
 * GetAccountAuthorizationDetails, ListRoles, GetBucketPolicy, ...), so a reader who knows the
 * API knows the file. Policy documents are JSON text, exactly as AWS returned them (an object is
 * accepted on input). A snapshot never holds a secret: no access key (not even its id), no
 * password or login profile, no MFA seed, no SAML private key, no OIDC signing key.
 */

/** `format` of every snapshot file. */
export const SNAPSHOT_FORMAT = 'iamflow-account-snapshot'
/** The version this iamflow writes and reads. */
export const SNAPSHOT_VERSION = 1

export interface SnapshotTag {
  Key: string
  Value: string
}

export interface SnapshotInline {
  PolicyName: string
  /** JSON text. */
  PolicyDocument: string
}

export interface SnapshotUser {
  UserName: string
  UserId: string
  Arn: string
  Path: string
  /** ISO-8601. */
  CreateDate: string
  /** Names of the groups the user is in. */
  Groups: string[]
  InlinePolicies: SnapshotInline[]
  /** ARNs of attached managed policies. */
  AttachedPolicies: string[]
  /** ARN of the permissions boundary. */
  PermissionsBoundary?: string
  Tags: SnapshotTag[]
}

export interface SnapshotGroup {
  GroupName: string
  GroupId: string
  Arn: string
  Path: string
  CreateDate: string
  InlinePolicies: SnapshotInline[]
  AttachedPolicies: string[]
}

export interface SnapshotInstanceProfile {
  InstanceProfileName: string
  InstanceProfileId: string
  Arn: string
  Path: string
  CreateDate: string
}

export interface SnapshotRole {
  RoleName: string
  RoleId: string
  Arn: string
  Path: string
  CreateDate: string
  /** The trust policy, JSON text. */
  AssumeRolePolicyDocument: string
  Description?: string
  /** Seconds; 3600 when the source did not say (GetAccountAuthorizationDetails does not). */
  MaxSessionDuration: number
  PermissionsBoundary?: string
  Tags: SnapshotTag[]
  InlinePolicies: SnapshotInline[]
  AttachedPolicies: string[]
  InstanceProfiles: SnapshotInstanceProfile[]
}

export interface SnapshotPolicyVersion {
  VersionId: string
  CreateDate: string
  /** JSON text. */
  Document: string
}

/** A customer managed policy with all its versions. */
export interface SnapshotPolicy {
  PolicyName: string
  PolicyId: string
  Arn: string
  Path: string
  Description?: string
  CreateDate: string
  UpdateDate: string
  DefaultVersionId: string
  Versions: SnapshotPolicyVersion[]
}

/** An AWS managed policy the account uses (attached or as a boundary): its default version. */
export interface SnapshotAwsPolicy {
  PolicyName: string
  PolicyId: string
  Arn: string
  Path: string
  DefaultVersionId: string
  CreateDate: string
  UpdateDate: string
  /** The default version's document, JSON text. */
  Document: string
}

export interface SnapshotPublicAccessBlock {
  BlockPublicAcls: boolean
  IgnorePublicAcls: boolean
  BlockPublicPolicy: boolean
  RestrictPublicBuckets: boolean
}

export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter'

/** A bucket of the account: its access settings only (objects are never read). */
export interface SnapshotBucket {
  Name: string
  /** Its region, when the source said. */
  Region?: string
  CreationDate?: string
  /** The bucket policy, JSON text; absent when the bucket has none (or it was unreadable). */
  Policy?: string
  /** Absent: none configured (or unreadable: see `unreadable`). */
  PublicAccessBlock?: SnapshotPublicAccessBlock
  ObjectOwnership?: ObjectOwnership
}

export interface SnapshotOidcProvider {
  Arn: string
  /** With `https://`. */
  Url: string
  ClientIDList: string[]
  ThumbprintList: string[]
  CreateDate: string
  Tags: SnapshotTag[]
}

export interface SnapshotSamlProvider {
  Arn: string
  /** The metadata document: public (certificates, endpoints), never a private key. */
  SAMLMetadataDocument: string
  CreateDate: string
  ValidUntil?: string
  Tags: SnapshotTag[]
}

export interface SnapshotPasswordPolicy {
  MinimumPasswordLength: number
  RequireSymbols: boolean
  RequireNumbers: boolean
  RequireUppercaseCharacters: boolean
  RequireLowercaseCharacters: boolean
  AllowUsersToChangePassword: boolean
  MaxPasswordAge?: number
  PasswordReusePrevention?: number
  HardExpiry?: boolean
}

/** A read the source refused (AccessDenied and the like): recorded, not fatal. */
export interface SnapshotUnreadable {
  /** What could not be read: `bucket audit-logs`, `account`. */
  Resource: string
  /** The API operation, e.g. `GetBucketPolicy`. */
  Operation: string
  /** AWS's error code. */
  Code: string
}

/** Where a snapshot came from: the kind of target only (no URL, profile or key). */
export type SnapshotSource = 'aws' | 'endpoint' | 'embedded' | 'aws-cli'

export interface AccountSnapshot {
  format: typeof SNAPSHOT_FORMAT
  version: typeof SNAPSHOT_VERSION
  /** The account's 12-digit id: a seeded emulator acts in it. */
  AccountId: string
  /** When it was taken (ISO-8601); absent for AWS CLI output. */
  TakenAt?: string
  Source: SnapshotSource
  AccountAlias?: string
  Users: SnapshotUser[]
  Groups: SnapshotGroup[]
  Roles: SnapshotRole[]
  Policies: SnapshotPolicy[]
  AwsManagedPolicies: SnapshotAwsPolicy[]
  Buckets: SnapshotBucket[]
  OpenIDConnectProviders: SnapshotOidcProvider[]
  SAMLProviders: SnapshotSamlProvider[]
  PasswordPolicy?: SnapshotPasswordPolicy
  Unreadable: SnapshotUnreadable[]
}

/** Bounds on what a snapshot may hold (AWS's largest quotas, with room). */
export const SNAPSHOT_LIMITS = {
  /** Bytes of the file. */
  fileBytes: 64 * 1024 * 1024,
  /** Users, roles, groups, customer managed policies: each. */
  entities: 10_000,
  awsManagedPolicies: 2_000,
  buckets: 10_000,
  providers: 100,
  /** Inline policies, attachments and tags of one entity: each. */
  perEntity: 100,
  /** Versions of one policy (AWS keeps 5). */
  versions: 5,
  /** Characters of one string (a policy document, a SAML metadata document). */
  stringChars: 1_000_000,
  unreadable: 100_000,
} as const
