/**
 * Condition keys iamflow knows, for "did you mean" on a misspelt key (`aws:PrincipleTag/team`).
 * IAM itself accepts any `service:key` (a misspelt key silently never matches), so an unknown
 * key is a warning, never an error. Only the prefixes listed are checked; other services' keys
 * pass unchecked. Sources: IAM User Guide, "AWS global condition context keys"; Service
 * Authorization Reference for IAM, STS and S3.
 */

/** Keys that take a `/suffix` (a tag key): matched on the part before `/`. */
export const KEY_FAMILIES: readonly string[] = [
  'aws:PrincipalTag',
  'aws:RequestTag',
  'aws:ResourceTag',
  'iam:ResourceTag',
  's3:ExistingObjectTag',
  's3:RequestObjectTag',
  's3:BucketTag',
  'sts:TransitiveTagKeys',
]

/** Whole keys. */
export const KNOWN_KEYS: readonly string[] = [
  // global
  'aws:PrincipalArn', 'aws:PrincipalAccount', 'aws:PrincipalOrgPaths', 'aws:PrincipalOrgID', 'aws:PrincipalIsAWSService',
  'aws:PrincipalServiceName', 'aws:PrincipalServiceNamesList', 'aws:PrincipalType', 'aws:userid', 'aws:username',
  'aws:FederatedProvider', 'aws:TokenIssueTime', 'aws:MultiFactorAuthAge', 'aws:MultiFactorAuthPresent',
  'aws:Ec2InstanceSourceVpc', 'aws:Ec2InstanceSourcePrivateIPv4', 'aws:SourceIdentity', 'aws:SourceIp', 'aws:SourceVpc',
  'aws:SourceVpcArn', 'aws:SourceVpce', 'aws:VpcSourceIp', 'aws:VpceAccount', 'aws:VpceOrgID', 'aws:VpceOrgPaths',
  'aws:ResourceAccount', 'aws:ResourceOrgID', 'aws:ResourceOrgPaths', 'aws:CalledVia', 'aws:CalledViaFirst',
  'aws:CalledViaLast', 'aws:ViaAWSService', 'aws:CurrentTime', 'aws:EpochTime', 'aws:referer', 'aws:RequestedRegion',
  'aws:TagKeys', 'aws:SecureTransport', 'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths',
  'aws:UserAgent', 'aws:IsMcpServiceAction', 'aws:ChatbotSourceArn',
  // STS
  'sts:ExternalId', 'sts:RoleSessionName', 'sts:SourceIdentity', 'sts:AWSServiceName', 'sts:DurationSeconds',
  'sts:TaggedSession', 'sts:RequestContext', 'sts:RequestContextProviders', 'sts:IdentityTokenAudience', 'sts:SigningAlgorithm',
  // IAM
  'iam:AWSServiceName', 'iam:AssociatedResourceArn', 'iam:FIDO-certification', 'iam:FIDO-FIPS-140-2-certification',
  'iam:FIDO-FIPS-140-3-certification', 'iam:OrganizationsPolicyId', 'iam:PassedToService', 'iam:PermissionsBoundary',
  'iam:PolicyARN', 'iam:RegisterSecurityKey',
  // S3
  's3:AccessGrantsInstanceArn', 's3:AccessPointNetworkOrigin', 's3:DataAccessPointAccount', 's3:DataAccessPointArn',
  's3:ExistingJobOperation', 's3:ExistingJobPriority', 's3:JobSuspendedCause', 's3:LocationConstraint', 's3:RequestJobOperation',
  's3:RequestJobPriority', 's3:RequestObjectTagKeys', 's3:ResourceAccount', 's3:TlsVersion', 's3:VersionId', 's3:authType',
  's3:delimiter', 's3:max-keys', 's3:object-lock-legal-hold', 's3:object-lock-mode', 's3:object-lock-remaining-retention-days',
  's3:object-lock-retain-until-date', 's3:prefix', 's3:signatureAge', 's3:signatureversion', 's3:versionid', 's3:x-amz-acl',
  's3:x-amz-content-sha256', 's3:x-amz-copy-source', 's3:x-amz-grant-full-control', 's3:x-amz-grant-read',
  's3:x-amz-grant-read-acp', 's3:x-amz-grant-write', 's3:x-amz-grant-write-acp', 's3:x-amz-metadata-directive',
  's3:x-amz-server-side-encryption', 's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:x-amz-server-side-encryption-customer-algorithm', 's3:x-amz-storage-class', 's3:x-amz-website-redirect-location',
  's3:if-match', 's3:if-none-match',
]

/** The services whose keys are listed above; keys of any other prefix are not checked. */
export const CHECKED_PREFIXES: ReadonlySet<string> = new Set(['aws', 'iam', 'sts', 's3'])

const KNOWN = new Set(KNOWN_KEYS.map((k) => k.toLowerCase()))
const FAMILIES = new Set(KEY_FAMILIES.map((k) => k.toLowerCase()))

/**
 * Whether `key` is known, or undefined when its prefix is not checked. Condition keys compare
 * case-insensitively (IAM User Guide: "Condition key names are not case-sensitive").
 */
export function isKnownConditionKey(key: string): boolean | undefined {
  const colon = key.indexOf(':')
  if (colon <= 0 || !CHECKED_PREFIXES.has(key.slice(0, colon).toLowerCase())) return undefined
  const lower = key.toLowerCase()
  if (KNOWN.has(lower)) return true
  const slash = lower.indexOf('/')
  return slash > 0 && FAMILIES.has(lower.slice(0, slash))
}
