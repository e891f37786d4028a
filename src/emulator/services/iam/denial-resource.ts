/**
 * How IAM names the resource in an AccessDenied message, per operation: one row per IAM
 * operation iamflow serves (a test fails on an operation without a row), each with the evidence
 * behind it. Forms:
 *
 * - `arn`: the target's ARN (`iam:CreateRole on resource: arn:aws:iam::123456789012:role/R`)
 * - `entity-name`: kind and name (`iam:GetRole on resource: role R`, `user alice`, `group devs`)
 * - `policy-name`: `policy MyPolicy` (CreatePolicy: the policy has no ARN yet)
 * - `policy-arn`: `policy arn:aws:iam::123456789012:policy/P`
 * - `policy-path`: `policy path /` (ListPolicies)
 * - `star`: `*`, printed (`iam:GetAccountSummary on resource: *`)
 *
 * Evidence levels: `documented` (AWS documentation quotes the denial), `reported` (real denials
 * with real account ids quoted in public issues, CloudTrail records and write-ups; the research
 * notes in issue 16 list them), `unconfirmed` (no real denial found: the form follows the
 * nearest confirmed member of the family; docs/fidelity.md lists these).
 *
 * Quirks outside the table, each modelled where it happens: CreateAccessKey / ListAccessKeys /
 * DeleteAccessKey called by an IAM user without UserName name `user null<caller>`
 * (access-keys.ts); GetUser without UserName from a role session names the session ARN
 * (users.ts); GetAccessKeyLastUsed on an unknown key prints `access key <id>` with no colon
 * after `perform` (access-keys.ts).
 */
import type { IamInputs } from '../../../aws-model/inputs.generated.js'

type Naming = 'arn' | 'entity-name' | 'policy-name' | 'policy-arn' | 'policy-path' | 'star'
type Evidence = 'documented' | 'reported' | 'unconfirmed'

/** One operation's naming and how sure we are of it (with the source when confirmed). */
export interface DenialNaming {
  naming: Naming
  evidence: Evidence
  source?: string
}

const doc = (naming: Naming, source: string): DenialNaming => ({ naming, evidence: 'documented', source })
const rep = (naming: Naming, source: string): DenialNaming => ({ naming, evidence: 'reported', source })
const unc = (naming: Naming): DenialNaming => ({ naming, evidence: 'unconfirmed' })

const DAX = 'Amazon DynamoDB Developer Guide, DAX access control troubleshooting table'

/** Every IAM operation iamflow serves. */
export const DENIAL_NAMING: Partial<Record<keyof IamInputs, DenialNaming>> = {
  AddUserToGroup: rep('entity-name', 'metasploit docs (097986286576): group NAME'),
  AttachGroupPolicy: unc('entity-name'),
  AttachRolePolicy: doc('entity-name', `${DAX}: iam:AttachRolePolicy on resource: role daxServiceRole`),
  AttachUserPolicy: rep('entity-name', 'real denials (218795110243, 583554811645, 326786006484)'),
  CreateAccessKey: rep('entity-name', 'real denials (946554699567 user Claude, 089110987191)'),
  CreateGroup: rep('arn', 'real denials (803964124082, metasploit 097986286576)'),
  CreateLoginProfile: unc('arn'),
  CreatePolicy: doc('policy-name', `${DAX}: iam:CreatePolicy on resource: policy policyName`),
  CreatePolicyVersion: rep('policy-arn', 'real denials (342014086957, 767397689800)'),
  CreateRole: doc('arn', `${DAX}: iam:CreateRole on resource: arn:aws:iam::accountID:role/service-role/roleName`),
  CreateUser: rep('arn', 'real denials (654353650965, 536579536218, 731872836472)'),
  DeleteAccessKey: unc('entity-name'),
  DeleteGroup: unc('arn'),
  DeleteGroupPolicy: unc('entity-name'),
  DeleteLoginProfile: unc('arn'),
  DeletePolicy: unc('policy-arn'),
  DeletePolicyVersion: unc('policy-arn'),
  DeleteRole: rep('entity-name', 'superwerker tests: iam:DeleteRole on resource: role AWSBackupDefaultServiceRole'),
  DeleteRolePermissionsBoundary: unc('arn'),
  DeleteRolePolicy: unc('entity-name'),
  DeleteUser: unc('arn'),
  DeleteUserPermissionsBoundary: unc('arn'),
  DeleteUserPolicy: unc('entity-name'),
  DetachGroupPolicy: unc('entity-name'),
  DetachRolePolicy: rep('entity-name', 'real denials (771945457201, 268367799918)'),
  DetachUserPolicy: unc('entity-name'),
  GetAccessKeyLastUsed: unc('arn'),
  GetAccountAuthorizationDetails: rep('star', 'real denial (731893500750): on resource: *'),
  GetAccountSummary: rep('star', 'real denial (926075045128): on resource: *'),
  GetGroup: rep('entity-name', 'real denial (792671221040): on resource: group deploy-group'),
  GetGroupPolicy: unc('entity-name'),
  GetLoginProfile: unc('arn'),
  GetPolicy: rep('policy-arn', 'real denials (792671221040, 677146750822, 886371554408)'),
  GetPolicyVersion: unc('policy-arn'),
  GetRole: rep('entity-name', 'ManagedOpenShift, cdk bootstrap, 886371554408, 248783370565: on resource: role NAME'),
  GetRolePolicy: unc('entity-name'),
  GetUser: rep('entity-name', 'real denials (124623494188 user fraudfirst-dev, 792671221040 user deploy-user)'),
  GetUserPolicy: unc('entity-name'),
  ListAccessKeys: rep('entity-name', 'real denials (840817857296 user sbmtd)'),
  ListAccountAliases: rep('star', 'CloudTrail record (107513503799): on resource: *'),
  ListAttachedGroupPolicies: unc('entity-name'),
  ListAttachedRolePolicies: rep('entity-name', 'real denials (580912381651, 816362139463)'),
  ListAttachedUserPolicies: rep('entity-name', 'real denials (943009210227)'),
  ListEntitiesForPolicy: unc('policy-arn'),
  ListGroupPolicies: unc('entity-name'),
  ListGroups: rep('arn', 'real denial (208501907498): arn:aws:iam::ACCT:group/'),
  ListGroupsForUser: rep('entity-name', 'real denials (232705437403, 194713851162)'),
  ListPolicies: rep('policy-path', 'real denials (067103977971, 942010117876, 643182386713): on resource: policy path /'),
  ListPolicyTags: unc('arn'),
  ListPolicyVersions: rep('policy-arn', 'real denials (342014086957)'),
  ListRolePolicies: rep('entity-name', 'real denials (303764378867, 124253853813)'),
  ListRoleTags: rep('entity-name', 'keos permission table (268367799918): role eks-iam-for-sa-...'),
  ListRoles: rep('arn', 'real denials (206175110892, 921234892411): arn:aws:iam::ACCT:role/'),
  ListUserPolicies: rep('entity-name', 'real denials (583554811645)'),
  ListUserTags: unc('entity-name'),
  ListUsers: rep('arn', 'real denials and CloudTrail (148761655307, 107513503799): arn:aws:iam::ACCT:user/'),
  PutGroupPolicy: rep('entity-name', 'privesc write-up: group Admin with an explicit deny'),
  PutRolePermissionsBoundary: rep('arn', 'real denial (367707589526): arn:aws:iam::367707589526:role/mail-cd-diff'),
  PutRolePolicy: rep('entity-name', 'real denials (742932328420, 138251745622)'),
  PutUserPermissionsBoundary: unc('arn'),
  PutUserPolicy: rep('entity-name', 'real denials (326786006484)'),
  RemoveUserFromGroup: unc('entity-name'),
  SetDefaultPolicyVersion: unc('policy-arn'),
  SimulateCustomPolicy: unc('star'),
  SimulatePrincipalPolicy: rep('arn', 'real denials (404063516240, 971671216490): ARN of PolicySourceArn'),
  TagPolicy: unc('arn'),
  TagRole: rep('arn', 'real denials (375896310755, 352437599875): arn:aws:iam::ACCT:role/NAME'),
  TagUser: rep('arn', 'one real denial (account elided): ...:user/ci-tests-infra-user'),
  UntagPolicy: unc('arn'),
  UntagRole: unc('arn'),
  UntagUser: unc('arn'),
  UpdateAccessKey: rep('entity-name', 'GuardDuty containment write-up; AWS workshop text: user user-1_01'),
  UpdateAssumeRolePolicy: rep('entity-name', 'real denials (118273046134, 115753408004)'),
  UpdateGroup: unc('arn'),
  UpdateLoginProfile: unc('arn'),
  UpdateRole: rep('entity-name', 'CloudFormation failure quoted in a repo note: role 3q7i7s65-operator-role'),
  UpdateRoleDescription: unc('entity-name'),
  UpdateUser: unc('arn'),
  // Instance profiles (iam-ops): reads and role changes name `instance profile NAME`; creation the ARN.
  CreateInstanceProfile: rep('arn', 'real denials (379220350808, eksctl 12345678910): arn:aws:iam::ACCT:instance-profile/NAME'),
  GetInstanceProfile: rep('entity-name', 'real denials (303764378867, 067103977971, 690534650866): instance profile NAME'),
  DeleteInstanceProfile: unc('entity-name'),
  ListInstanceProfiles: unc('arn'),
  ListInstanceProfilesForRole: rep('entity-name', 'real denials (303764378867, 500766168271): role NAME'),
  AddRoleToInstanceProfile: rep('entity-name', 'real denials (884360309640, keos table 268367799918): instance profile NAME'),
  RemoveRoleFromInstanceProfile: unc('entity-name'),
  TagInstanceProfile: unc('arn'),
  UntagInstanceProfile: unc('arn'),
  ListInstanceProfileTags: unc('entity-name'),
  // Account settings: no resource of their own.
  UpdateAccountPasswordPolicy: unc('star'),
  GetAccountPasswordPolicy: unc('star'),
  DeleteAccountPasswordPolicy: unc('star'),
  ChangePassword: unc('arn'),
  CreateAccountAlias: unc('star'),
  DeleteAccountAlias: unc('star'),
  GenerateCredentialReport: unc('star'),
  GetCredentialReport: unc('star'),
  GetContextKeysForCustomPolicy: unc('star'),
  GetContextKeysForPrincipalPolicy: unc('arn'),
  CreateServiceLinkedRole: rep('arn', 'real denials (743248756403, 348718493386, ManagedOpenShift): arn:aws:iam::ACCT:role/aws-service-role/SERVICE/NAME'),
  DeleteServiceLinkedRole: unc('arn'),
  GetServiceLinkedRoleDeletionStatus: unc('arn'),
  // A user's keys and certificates: the user, like the access-key family.
  UploadSSHPublicKey: unc('entity-name'),
  GetSSHPublicKey: unc('entity-name'),
  ListSSHPublicKeys: unc('entity-name'),
  UpdateSSHPublicKey: unc('entity-name'),
  DeleteSSHPublicKey: unc('entity-name'),
  UploadSigningCertificate: unc('entity-name'),
  ListSigningCertificates: unc('entity-name'),
  UpdateSigningCertificate: unc('entity-name'),
  DeleteSigningCertificate: unc('entity-name'),
  CreateServiceSpecificCredential: unc('entity-name'),
  ListServiceSpecificCredentials: unc('entity-name'),
  ResetServiceSpecificCredential: unc('entity-name'),
  UpdateServiceSpecificCredential: unc('entity-name'),
  DeleteServiceSpecificCredential: unc('entity-name'),
  UploadServerCertificate: unc('arn'),
  GetServerCertificate: unc('arn'),
  ListServerCertificates: unc('arn'),
  UpdateServerCertificate: unc('arn'),
  DeleteServerCertificate: unc('arn'),
  TagServerCertificate: unc('arn'),
  UntagServerCertificate: unc('arn'),
  ListServerCertificateTags: unc('arn'),
  SetSecurityTokenServicePreferences: unc('star'),
  // Identity providers (federation): the provider's ARN.
  CreateOpenIDConnectProvider: rep('arn', 'real denials (009147451403, 512624877493): arn:aws:iam::ACCT:oidc-provider/HOST'),
  GetOpenIDConnectProvider: unc('arn'),
  DeleteOpenIDConnectProvider: rep('arn', 'real denials (566428305604, keos table 268367799918): arn:aws:iam::ACCT:oidc-provider/HOST/PATH'),
  ListOpenIDConnectProviders: unc('star'),
  AddClientIDToOpenIDConnectProvider: unc('arn'),
  RemoveClientIDFromOpenIDConnectProvider: unc('arn'),
  UpdateOpenIDConnectProviderThumbprint: unc('arn'),
  TagOpenIDConnectProvider: rep('arn', 'real denial (446598291512): arn:aws:iam::ACCT:oidc-provider/HOST'),
  UntagOpenIDConnectProvider: unc('arn'),
  ListOpenIDConnectProviderTags: unc('arn'),
  CreateSAMLProvider: unc('arn'),
  GetSAMLProvider: unc('arn'),
  UpdateSAMLProvider: unc('arn'),
  DeleteSAMLProvider: unc('arn'),
  ListSAMLProviders: unc('star'),
  TagSAMLProvider: unc('arn'),
  UntagSAMLProvider: unc('arn'),
  ListSAMLProviderTags: unc('arn'),
  // MFA devices (accounts): the device's ARN for the device itself, the user for what is done to a user.
  CreateVirtualMFADevice: rep('arn', 'real denials (123456789012 docs example, XXXXXXXXXXXX): arn:aws:iam::ACCT:mfa/NAME'),
  DeleteVirtualMFADevice: doc('arn', 'IAM User Guide, troubleshooting MFA: iam:DeleteVirtualMFADevice on resource: arn:aws:iam::123456789012:mfa/Diego'),
  EnableMFADevice: unc('entity-name'),
  ResyncMFADevice: unc('entity-name'),
  DeactivateMFADevice: unc('entity-name'),
  GetMFADevice: unc('entity-name'),
  ListMFADevices: rep('entity-name', 'real denial quoted in a repository (assumed-role AgentsPoppyBroker): on resource: user SomeUser'),
  ListVirtualMFADevices: unc('arn'),
  TagMFADevice: unc('arn'),
  UntagMFADevice: unc('arn'),
  ListMFADeviceTags: unc('arn'),
}

/** `arn:aws:iam::1:role/path/R` -> [`role`, `R`]. */
function kindAndName(arn: string): [string, string] | undefined {
  const resource = arn.split(':')[5]
  if (!resource) return undefined
  const slash = resource.indexOf('/')
  if (slash < 0) return undefined
  // IAM words its own kinds with spaces: `instance profile eks-nodes`.
  return [resource.slice(0, slash).replace(/-/g, ' '), resource.slice(resource.lastIndexOf('/') + 1)]
}

/**
 * The resource as IAM words it in the AccessDenied message of `iam:<action>` on `arn`, or
 * undefined when it is the ARN itself.
 */
export function denialResource(action: string, arn: string): string | undefined {
  const row = Object.hasOwn(DENIAL_NAMING, action) ? DENIAL_NAMING[action as keyof IamInputs] : undefined
  const naming = row?.naming ?? 'arn'
  switch (naming) {
    case 'arn':
      return undefined
    case 'star':
      return '*'
    case 'policy-path':
      return 'policy path /'
    case 'policy-arn':
      return `policy ${arn}`
    case 'policy-name':
    case 'entity-name': {
      const parts = kindAndName(arn)
      if (!parts) return undefined
      return naming === 'policy-name' ? `policy ${parts[1]}` : `${parts[0]} ${parts[1]}`
    }
    default: {
      const unreachable: never = naming
      return unreachable
    }
  }
}
