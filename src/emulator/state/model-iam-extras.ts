/**
 * The account's IAM resources beyond users, roles, groups, policies and MFA devices: identity
 * providers and the account-level extras (iam/account-extras.ts). Plain JSON kept with the
 * account's own fields, so they journal with the account unit (units.ts). Split from model.ts.
 */
import type { Tag } from './tag.js'

/** An instance profile (a container for at most one role, handed to EC2). */
export interface InstanceProfileEntity {
  name: string
  id: string
  arn: string
  path: string
  createDate: number
  tags: Tag[]
  /** Lower-cased names of its roles (AWS allows one). */
  roles: string[]
}

/** An IAM SAML 2.0 identity provider: its metadata document as uploaded. */
export interface SamlProviderEntity {
  arn: string
  name: string
  uuid: string
  metadata: string
  /** From the metadata's `validUntil`, else its signing certificate's expiry (epoch ms). */
  validUntil: number
  createDate: number
  tags: Tag[]
  assertionEncryptionMode?: 'Required' | 'Allowed'
}

/**
 * An IAM OpenID Connect identity provider. The emulator is also its issuer: it holds the key
 * pair `iamflow.issueOidcToken` signs with and AssumeRoleWithWebIdentity verifies against.
 */
export interface OidcProviderEntity {
  arn: string
  /** The URL as created, with `https://` (Url in GetOpenIDConnectProvider drops the scheme). */
  url: string
  clientIds: string[]
  thumbprints: string[]
  createDate: number
  tags: Tag[]
  /**
   * The issuer's RS256 key: its `kid` and PKCS#8 PEM private key (a secret, like access key
   * secrets). Made when the emulator first issues a token for the provider (RSA key generation
   * is slow: providers that never issue one do not pay for it).
   */
  signingKey?: { kid: string; privateKeyPem: string }
}

/** The account's other IAM resources; each list is bounded by its AWS quota. */
export interface AccountIamExtras {
  instanceProfiles: InstanceProfileEntity[]
  passwordPolicy?: PasswordPolicyEntity
  /** At most one (AWS's quota). */
  aliases: string[]
  /** When GenerateCredentialReport last started a report. */
  credentialReportAt?: number
  /** When that report is ready (absent: at once). */
  credentialReportReadyAt?: number
  /** SetSecurityTokenServicePreferences: the global STS endpoint's token version (absent = v1Token). */
  globalEndpointTokenVersion?: 'v1Token' | 'v2Token'
  sshPublicKeys: SshPublicKeyEntity[]
  signingCertificates: SigningCertificateEntity[]
  serverCertificates: ServerCertificateEntity[]
  serviceCredentials: ServiceCredentialEntity[]
  /** DeleteServiceLinkedRole tasks, by id (`task/aws-service-role/...`). */
  deletionTasks: Array<{ id: string; status: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS' | 'NOT_STARTED'; createDate: number }>
}

/** UpdateAccountPasswordPolicy's settings (AWS's defaults filled in). */
export interface PasswordPolicyEntity {
  minimumPasswordLength: number
  requireSymbols: boolean
  requireNumbers: boolean
  requireUppercaseCharacters: boolean
  requireLowercaseCharacters: boolean
  allowUsersToChangePassword: boolean
  maxPasswordAge?: number
  passwordReusePrevention?: number
  hardExpiry?: boolean
}

export interface SshPublicKeyEntity {
  id: string
  userName: string
  body: string
  fingerprint: string
  status: 'Active' | 'Inactive' | 'Expired'
  uploadDate: number
}

export interface SigningCertificateEntity {
  id: string
  /** Undefined: the account root's certificate. */
  userName?: string
  body: string
  status: 'Active' | 'Inactive' | 'Expired'
  uploadDate: number
}

export interface ServerCertificateEntity {
  name: string
  id: string
  arn: string
  path: string
  body: string
  chain?: string
  uploadDate: number
  expiration?: number
  tags: Tag[]
}

export interface ServiceCredentialEntity {
  id: string
  userName: string
  serviceName: string
  serviceUserName: string
  status: 'Active' | 'Inactive'
  createDate: number
}
