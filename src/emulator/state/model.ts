/**
 * The emulator's state: plain data, per account, serialisable to JSON unit by unit (see
 * units.ts; with --state, store.ts journals and snapshots it).
 *
 * Conventions:
 * - Entity maps are keyed by the lower-cased name (IAM names are unique case-insensitively);
 *   the entity keeps the name as created.
 * - Times are epoch milliseconds (numbers); handlers format them as ISO-8601 on the wire.
 * - `effectiveAt` (epoch ms) implements the consistency delay: a change exists at once for IAM
 *   reads, but authentication/authorization ignore it until `now >= effectiveAt`.
 * - Principals in stored trust policies are matched by unique id: when a user or role is
 *   deleted, documents naming it are rewritten to its unique id (as AWS shows them).
 */

import { SortedMap } from './sorted-map.js'
import type { AccountIamExtras, OidcProviderEntity, SamlProviderEntity } from './model-iam-extras.js'
import type { Tag } from './tag.js'
import type { AwsManagedPolicy } from '../managed-policies/index.js'
export type { Tag } from './tag.js'
export type { InstanceProfileEntity, SamlProviderEntity, OidcProviderEntity, AccountIamExtras, PasswordPolicyEntity, SshPublicKeyEntity, SigningCertificateEntity, ServerCertificateEntity, ServiceCredentialEntity } from './model-iam-extras.js'

/** An inline policy (user/role/group). `document` is the JSON text as given. */
export interface InlinePolicy {
  name: string
  document: string
  effectiveAt: number
  /**
   * The document this one replaced, served until `effectiveAt`: during propagation AWS answers
   * with the old or the new document, never with neither (issue 16 item 17; believed, see
   * docs/fidelity.md).
   */
  previous?: string
}

/** A managed policy attachment (or a permissions boundary). */
export interface Attachment {
  arn: string
  effectiveAt: number
}

export interface LoginProfile {
  createDate: number
  passwordResetRequired: boolean
  /** Salted hash of the password (iam/password-hash.ts); absent in states written before it was kept. */
  passwordHash?: string
  /** Hashes of earlier passwords, newest first, at most 24 (PasswordReusePrevention's maximum). */
  previousHashes?: string[]
  /** When the password was last set (absent: createDate). */
  passwordChangedAt?: number
}

export interface UserEntity {
  name: string
  id: string
  arn: string
  path: string
  createDate: number
  tags: Tag[]
  boundary?: Attachment
  inline: InlinePolicy[]
  attached: Attachment[]
  /** Lower-cased group names. */
  groups: string[]
  loginProfile?: LoginProfile
  passwordLastUsed?: number
}

export interface RoleEntity {
  name: string
  id: string
  arn: string
  path: string
  createDate: number
  /** Trust policy JSON text as given (principals may be rewritten to unique ids on deletion). */
  trustPolicy: string
  trustEffectiveAt: number
  /** The trust policy UpdateAssumeRolePolicy replaced, served until `trustEffectiveAt` (old or new, never neither). */
  previousTrust?: string
  description?: string
  maxSessionDuration: number
  boundary?: Attachment
  tags: Tag[]
  inline: InlinePolicy[]
  attached: Attachment[]
  lastUsed?: { date: number; region: string }
}

export interface GroupEntity {
  name: string
  id: string
  arn: string
  path: string
  createDate: number
  inline: InlinePolicy[]
  attached: Attachment[]
  /** Lower-cased user names. */
  members: string[]
}

export interface PolicyVersion {
  versionId: string
  document: string
  createDate: number
}

export interface ManagedPolicyEntity {
  name: string
  id: string
  arn: string
  path: string
  description?: string
  createDate: number
  updateDate: number
  defaultVersionId: string
  versions: PolicyVersion[]
  /** Next version number to hand out (v1, v2, ... never reused). */
  nextVersion: number
  tags: Tag[]
}

/** A long-term access key (AKIA...). `userName` undefined = the account root's key. */
export interface AccessKeyEntity {
  id: string
  secret: string
  accountId: string
  userName?: string
  status: 'Active' | 'Inactive'
  createDate: number
  effectiveAt: number
  lastUsed?: { date: number; service: string; region: string }
}

/**
 * A virtual MFA device (CreateVirtualMFADevice). Keyed by its serial number (the device ARN,
 * `arn:aws:iam::ACCOUNT:mfa/PATH/NAME`); assigned to a user by EnableMFADevice.
 */
export interface MfaDeviceEntity {
  serial: string
  name: string
  path: string
  /** The TOTP secret in base32 (returned once, by CreateVirtualMFADevice; kept like access key secrets). */
  seed: string
  createDate: number
  tags: Tag[]
  /** The assigned user (as created) and when; both absent while unassigned. */
  userName?: string
  enableDate?: number
  /**
   * The last TOTP time step accepted for sign-in (AssumeRole, GetSessionToken): a code is good
   * once, so a later request must bring a later one.
   */
  lastStep?: number
}

/** Temporary credentials (ASIA...) from AssumeRole or GetSessionToken. */
export interface SessionEntity {
  accessKeyId: string
  secret: string
  token: string
  expiration: number
  createDate: number
  kind: 'assumed-role' | 'session-token' | 'federation-token'
  /** Account of the role (assumed-role) or of the user/root (session-token). */
  accountId: string
  /** assumed-role: */
  roleId?: string
  roleName?: string
  roleArn?: string
  sessionName?: string
  /** Session policies passed at AssumeRole; undefined = none passed. */
  sessionPolicy?: { inline?: string; arns: string[] }
  sessionTags?: Tag[]
  transitiveTagKeys?: string[]
  sourceIdentity?: string
  /** Web identity / SAML sessions: the identity provider (`aws:FederatedProvider` of its requests). */
  federatedProvider?: string
  /** True when this session was created by another role session (chaining). */
  chained: boolean
  mfa: boolean
  /** When the MFA code was checked (epoch ms), for `aws:MultiFactorAuthAge`; present when `mfa`. */
  mfaAuthTime?: number
  /** session-token, federation-token: the user (undefined = root). */
  userName?: string
  /** federation-token: the federated user's name (`arn:aws:sts::ACCOUNT:federated-user/NAME`). */
  federatedName?: string
  /** The long-term key or session that created it (for auditing/cleanup). */
  parentAccessKeyId: string
  /**
   * Made by `IamflowImpersonate` (iamflow's own operation, emulator only): the session of a user
   * acts as the user's own access key would, IAM included.
   */
  impersonated?: true
}

export interface ObjectEntity {
  key: string
  /**
   * The bytes, in memory. Never changed in place (a new PUT stores a new array): with --state
   * the body is a file named by its sha256 (blobs.ts), found again by the array's identity.
   */
  body: Uint8Array
  etag: string
  lastModified: number
  contentType?: string
  metadata: Record<string, string>
  /** Checksum sent with the upload (`x-amz-checksum-<algorithm>`), returned when asked for. */
  checksum?: { algorithm: string; value: string }
  /** `x-amz-storage-class` as stored; undefined = STANDARD (S3 omits the header for STANDARD). */
  storageClass?: string
  /**
   * The other headers S3 stores with an object and returns on Get/Head (Content-Encoding,
   * Cache-Control, ...), by lower-cased header name; names come from a fixed list (object-headers.ts).
   */
  stored?: Record<string, string>
  /** Version id; undefined = the `null` version (written while versioning was never enabled, or suspended). */
  versionId?: string
  /** A delete marker (no body), kept among a versioned bucket's versions. */
  deleteMarker?: true
  /** Order of creation within the bucket (versions of a key list newest first); 0 when never versioned. */
  seq?: number
  /** Object tag set (PutObjectTagging / x-amz-tagging), in the order given. */
  tags?: Tag[]
  /** Canned ACL given when ACLs are enabled (undefined = private). */
  acl?: string
  /** Explicit grants (x-amz-grant-* headers), in place of the canned ACL when present. */
  aclGrants?: AclGrant[]
  /** Server-side encryption (`x-amz-server-side-encryption`); undefined = AES256. */
  sse?: { algorithm: string; kmsKeyId?: string }
}

/** One S3 ACL grant: to a canonical user id or a group URI (s3/acl-grants.ts). */
export interface AclGrant {
  id?: string
  uri?: string
  permission: 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP' | 'FULL_CONTROL'
}

export interface BucketEntity {
  name: string
  region: string
  accountId: string
  createDate: number
  /** Bucket policy JSON text. */
  policy?: string
  /**
   * The current version of each key that is an object (not a delete marker), keyed by object
   * key, kept in key order (ListObjects pages by binary search, see objectMap).
   */
  objects: SortedMap<ObjectEntity>
  /**
   * Noncurrent versions and delete markers (current or not), keyed by `versionSlot(key, seq)`:
   * the versions of one key are contiguous, newest first (see s3/object-store.ts).
   */
  versions: SortedMap<ObjectEntity>
  /** Versioning status; undefined = never enabled. */
  versioning?: 'Enabled' | 'Suspended'
  /** Last `seq` handed out (versions of a key are ordered by it). */
  versionSeq?: number
  /** Bucket tag set (PutBucketTagging); undefined = none. */
  tags?: Tag[]
  /** Block Public Access settings; undefined = none configured (DeletePublicAccessBlock). */
  publicAccessBlock?: { BlockPublicAcls: boolean; IgnorePublicAcls: boolean; BlockPublicPolicy: boolean; RestrictPublicBuckets: boolean }
  /** Object Ownership; undefined = no ownership controls (ACLs enabled, object writer owns). */
  ownership?: 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter'
  /** Canned ACL of the bucket when ACLs are enabled (undefined = private). */
  acl?: string
  /** Explicit grants (x-amz-grant-* headers), in place of the canned ACL when present. */
  aclGrants?: AclGrant[]
  /** Default encryption; undefined = SSE-S3 (AES256), every bucket's default since January 2023. */
  encryption?: { algorithm: string; kmsKeyId?: string; bucketKeyEnabled?: boolean }
  /** CORS rules as given (PutBucketCors); undefined = none. */
  cors?: Array<{ ID?: string; AllowedOrigins: string[]; AllowedMethods: string[]; AllowedHeaders: string[]; ExposeHeaders: string[]; MaxAgeSeconds?: number }>
}

/**
 * The account's IAM entities. Each map also keeps the order its List operation returns
 * (see sorted-map.ts): users, roles and groups by lower-cased name (their map key), customer
 * managed policies by `policySortKey`. The order is derived at construction, never stored.
 */
export interface AccountState {
  id: string
  /** 64-hex canonical user id (S3 Owner.ID). */
  canonicalUserId: string
  users: SortedMap<UserEntity>
  roles: SortedMap<RoleEntity>
  groups: SortedMap<GroupEntity>
  /** Customer managed policies, keyed by ARN. */
  policies: SortedMap<ManagedPolicyEntity>
  /** Virtual MFA devices, keyed (and listed) by serial number. */
  mfaDevices: SortedMap<MfaDeviceEntity>
  /**
   * Account-level IAM resources beyond users, roles, groups and policies (iam/account-extras.ts):
   * plain JSON kept with the account's own fields (journaled as part of the account unit).
   * Optional: states written before they existed have none.
   */
  iam?: AccountIamExtras
  /**
   * IAM OIDC identity providers (at most 100 per account), kept in the account's own fields so
   * they journal with it; absent until the first one is created.
   */
  oidcProviders?: OidcProviderEntity[]
  /** IAM SAML identity providers (at most 100 per account), like `oidcProviders`. */
  samlProviders?: SamlProviderEntity[]
  /**
   * AWS managed policies iamflow's data lacks that an account snapshot carried (their default
   * versions as AWS served them to that account): visible in this account only, kept in the
   * account's own fields so they journal with it (`--state`).
   */
  awsManagedPolicies?: AwsManagedPolicy[]
  /**
   * The SAML identity providers the emulator stands for in this account (at most 100): made by
   * `IamflowGetSamlIdpMetadata` / `IamflowIssueSamlAssertion`, kept in the account's own fields.
   */
  samlIssuers?: SamlIssuerEntity[]
  /** A scenario's named account (`IamflowAccountOperator`): the account that named it... */
  iamflowOwner?: string
  /** ...and the name it gave it. */
  iamflowName?: string
}

/**
 * A SAML 2.0 identity provider the emulator plays (no real one is reachable offline): its
 * entity ID, the self-signed X.509 certificate its metadata publishes and the RSA key it signs
 * assertions with (a secret, like access key secrets: never in any output).
 */
export interface SamlIssuerEntity {
  issuer: string
  certificatePem: string
  privateKeyPem: string
  createDate: number
}


export interface EmulatorState {
  accounts: Map<string, AccountState>
  /** All long-term keys of every account (roots included), by key id. */
  accessKeys: Map<string, AccessKeyEntity>
  /** All temporary credentials, by ASIA key id. */
  sessions: Map<string, SessionEntity>
  /** Bucket names are global across accounts. */
  buckets: Map<string, BucketEntity>
}

/**
 * ListPolicies' order: lower-cased name, then id (AWS and customer managed policies may share
 * a name). `\u0000` sorts before every character a name may hold.
 */
export function policySortKey(policy: { name: string; id: string }): string {
  return `${policy.name.toLowerCase()}\u0000${policy.id}`
}

/** A map of users, roles or groups keyed (and listed) by lower-cased name. */
export function entityMap<E>(entries?: Iterable<readonly [string, E]>): SortedMap<E> {
  return new SortedMap<E>((lowerName) => lowerName, entries)
}

/** A map of virtual MFA devices keyed and listed by serial number. */
export function mfaDeviceMap(entries?: Iterable<readonly [string, MfaDeviceEntity]>): SortedMap<MfaDeviceEntity> {
  return new SortedMap<MfaDeviceEntity>((serial) => serial, entries)
}

/** A map of customer managed policies keyed by ARN, listed by `policySortKey`. */
export function policyMap(entries?: Iterable<readonly [string, ManagedPolicyEntity]>): SortedMap<ManagedPolicyEntity> {
  return new SortedMap<ManagedPolicyEntity>((_arn, p) => policySortKey(p), entries)
}

/**
 * A bucket's objects, ordered by key as S3 lists them (compared as UTF-16 code units, as `<`
 * does): a ListObjects page costs a binary search plus the page, not a sort of the bucket.
 */
export function objectMap(entries?: Iterable<readonly [string, ObjectEntity]>): SortedMap<ObjectEntity> {
  return new SortedMap<ObjectEntity>((key) => key, entries)
}

export function emptyAccount(id: string, canonicalUserId: string): AccountState {
  return { id, canonicalUserId, users: entityMap(), roles: entityMap(), groups: entityMap(), policies: policyMap(), mfaDevices: mfaDeviceMap() }
}

export function emptyState(): EmulatorState {
  return { accounts: new Map(), accessKeys: new Map(), sessions: new Map(), buckets: new Map() }
}
