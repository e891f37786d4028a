import { describe, expect, it } from 'vitest'
import { AwsServiceError } from '../types.js'
import { totp } from '../../../totp.js'
import { iamOperations } from './index.js'
import { ACCOUNT, ALLOW_S3_READ, errorOf, fakeIam, trustFor, type FakeIam } from './testing/fake-context.js'
import { samlMetadata } from './testing/saml-fixture.js'

/**
 * Every IAM operation authorizes `iam:<Operation>` before it acts: with a deny-all authorizer,
 * each fails with AccessDenied and leaves the state exactly as it was.
 */

const AWS_POLICY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
const POLICY = `arn:aws:iam::${ACCOUNT}:policy/p`
const OIDC = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
const SAML = `arn:aws:iam::${ACCOUNT}:saml-provider/idp`
const D_DEVICE = `arn:aws:iam::${ACCOUNT}:mfa/d`
const E_DEVICE = `arn:aws:iam::${ACCOUNT}:mfa/e`

function seeded(): { iam: FakeIam; keyId: string; task: string } {
  const iam = fakeIam()
  iam.call('CreateUser', { UserName: 'u' })
  iam.call('CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: trustFor(ACCOUNT) })
  iam.call('CreateGroup', { GroupName: 'g' })
  iam.call('CreatePolicy', { PolicyName: 'p', PolicyDocument: ALLOW_S3_READ })
  iam.call('CreatePolicyVersion', { PolicyArn: POLICY, PolicyDocument: ALLOW_S3_READ })
  iam.call('AddUserToGroup', { GroupName: 'g', UserName: 'u' })
  iam.call('PutUserPolicy', { UserName: 'u', PolicyName: 'i', PolicyDocument: ALLOW_S3_READ })
  iam.call('PutRolePolicy', { RoleName: 'r', PolicyName: 'i', PolicyDocument: ALLOW_S3_READ })
  iam.call('PutGroupPolicy', { GroupName: 'g', PolicyName: 'i', PolicyDocument: ALLOW_S3_READ })
  iam.call('AttachUserPolicy', { UserName: 'u', PolicyArn: POLICY })
  iam.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: POLICY })
  iam.call('AttachGroupPolicy', { GroupName: 'g', PolicyArn: POLICY })
  iam.call('CreateLoginProfile', { UserName: 'u', Password: 'Passw0rd!' })
  iam.call('TagUser', { UserName: 'u', Tags: [{ Key: 'k', Value: 'v' }] })
  iam.call('TagRole', { RoleName: 'r', Tags: [{ Key: 'k', Value: 'v' }] })
  iam.call('TagPolicy', { PolicyArn: POLICY, Tags: [{ Key: 'k', Value: 'v' }] })
  iam.call('PutUserPermissionsBoundary', { UserName: 'u', PermissionsBoundary: AWS_POLICY })
  iam.call('PutRolePermissionsBoundary', { RoleName: 'r', PermissionsBoundary: AWS_POLICY })
  iam.call('CreateInstanceProfile', { InstanceProfileName: 'ip', Tags: [{ Key: 'k', Value: 'v' }] })
  iam.call('CreateInstanceProfile', { InstanceProfileName: 'ip2' })
  iam.call('AddRoleToInstanceProfile', { InstanceProfileName: 'ip', RoleName: 'r' })
  iam.call('UpdateAccountPasswordPolicy', { MinimumPasswordLength: 8 })
  iam.call('CreateServiceLinkedRole', { AWSServiceName: 'ecs.amazonaws.com' })
  const task = iam.call('DeleteServiceLinkedRole', { RoleName: 'AWSServiceRoleForECS' }).DeletionTaskId as string
  iam.call('CreateServiceLinkedRole', { AWSServiceName: 'ecs.amazonaws.com' })
  iam.call('CreateAccountAlias', { AccountAlias: 'lab' })
  iam.call('CreateOpenIDConnectProvider', { Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'], Tags: [{ Key: 'k', Value: 'v' }] })
  iam.call('CreateSAMLProvider', { Name: 'idp', SAMLMetadataDocument: samlMetadata(), Tags: [{ Key: 'k', Value: 'v' }] })
  const keyId = iam.call('CreateAccessKey', { UserName: 'u' }).AccessKey.AccessKeyId as string
  // Virtual MFA devices: D unassigned and tagged, E enabled for u (codes from its seed at the fake clock).
  iam.call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'd', Tags: [{ Key: 'k', Value: 'v' }] })
  const e = iam.call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'e' }).VirtualMFADevice
  const seed = Buffer.from(e.Base32StringSeed as string, 'base64').toString('ascii')
  iam.call('EnableMFADevice', { UserName: 'u', SerialNumber: E_DEVICE, AuthenticationCode1: totp(seed, iam.now), AuthenticationCode2: totp(seed, iam.now, 1) })
  return { iam, keyId, task }
}

const inputs = (keyId: string, task = ''): Record<string, Record<string, unknown>> => ({
  CreateUser: { UserName: 'new' },
  GetUser: { UserName: 'u' },
  UpdateUser: { UserName: 'u', NewUserName: 'renamed' },
  DeleteUser: { UserName: 'u' },
  ListUsers: {},
  TagUser: { UserName: 'u', Tags: [{ Key: 'x', Value: 'y' }] },
  UntagUser: { UserName: 'u', TagKeys: ['k'] },
  ListUserTags: { UserName: 'u' },
  PutUserPermissionsBoundary: { UserName: 'u', PermissionsBoundary: POLICY },
  DeleteUserPermissionsBoundary: { UserName: 'u' },
  CreateAccessKey: { UserName: 'u' },
  ListAccessKeys: { UserName: 'u' },
  UpdateAccessKey: { UserName: 'u', AccessKeyId: keyId, Status: 'Inactive' },
  DeleteAccessKey: { UserName: 'u', AccessKeyId: keyId },
  GetAccessKeyLastUsed: { AccessKeyId: keyId },
  CreateLoginProfile: { UserName: 'u', Password: 'Other-passw0rd' },
  GetLoginProfile: { UserName: 'u' },
  UpdateLoginProfile: { UserName: 'u', PasswordResetRequired: 'true' },
  DeleteLoginProfile: { UserName: 'u' },
  CreateGroup: { GroupName: 'new' },
  GetGroup: { GroupName: 'g' },
  ListGroups: {},
  UpdateGroup: { GroupName: 'g', NewGroupName: 'h' },
  DeleteGroup: { GroupName: 'g' },
  AddUserToGroup: { GroupName: 'g', UserName: 'u' },
  RemoveUserFromGroup: { GroupName: 'g', UserName: 'u' },
  ListGroupsForUser: { UserName: 'u' },
  CreateRole: { RoleName: 'new', AssumeRolePolicyDocument: trustFor(ACCOUNT) },
  GetRole: { RoleName: 'r' },
  ListRoles: {},
  UpdateRole: { RoleName: 'r', Description: 'd' },
  UpdateRoleDescription: { RoleName: 'r', Description: 'd' },
  UpdateAssumeRolePolicy: { RoleName: 'r', PolicyDocument: trustFor('111122223333') },
  DeleteRole: { RoleName: 'r' },
  TagRole: { RoleName: 'r', Tags: [{ Key: 'x', Value: 'y' }] },
  UntagRole: { RoleName: 'r', TagKeys: ['k'] },
  ListRoleTags: { RoleName: 'r' },
  PutRolePermissionsBoundary: { RoleName: 'r', PermissionsBoundary: POLICY },
  DeleteRolePermissionsBoundary: { RoleName: 'r' },
  ...Object.fromEntries(
    (['User', 'Role', 'Group'] as const).flatMap((t) => {
      const n = { [`${t}Name`]: t[0]!.toLowerCase() }
      return [
        [`Put${t}Policy`, { ...n, PolicyName: 'j', PolicyDocument: ALLOW_S3_READ }],
        [`Get${t}Policy`, { ...n, PolicyName: 'i' }],
        [`Delete${t}Policy`, { ...n, PolicyName: 'i' }],
        [`List${t}Policies`, n],
        [`Attach${t}Policy`, { ...n, PolicyArn: AWS_POLICY }],
        [`Detach${t}Policy`, { ...n, PolicyArn: POLICY }],
        [`ListAttached${t}Policies`, n],
      ]
    }),
  ),
  CreatePolicy: { PolicyName: 'new', PolicyDocument: ALLOW_S3_READ },
  GetPolicy: { PolicyArn: POLICY },
  DeletePolicy: { PolicyArn: POLICY },
  ListPolicies: {},
  CreatePolicyVersion: { PolicyArn: POLICY, PolicyDocument: ALLOW_S3_READ },
  GetPolicyVersion: { PolicyArn: POLICY, VersionId: 'v1' },
  ListPolicyVersions: { PolicyArn: POLICY },
  SetDefaultPolicyVersion: { PolicyArn: POLICY, VersionId: 'v2' },
  DeletePolicyVersion: { PolicyArn: POLICY, VersionId: 'v2' },
  ListEntitiesForPolicy: { PolicyArn: POLICY },
  TagPolicy: { PolicyArn: POLICY, Tags: [{ Key: 'x', Value: 'y' }] },
  UntagPolicy: { PolicyArn: POLICY, TagKeys: ['k'] },
  ListPolicyTags: { PolicyArn: POLICY },
  GetAccountSummary: {},
  GetAccountAuthorizationDetails: {},
  ListAccountAliases: {},
  SimulatePrincipalPolicy: { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/u`, ActionNames: ['s3:GetObject'] },
  SimulateCustomPolicy: { PolicyInputList: [ALLOW_S3_READ], ActionNames: ['s3:GetObject'] },
  CreateInstanceProfile: { InstanceProfileName: 'new' },
  GetInstanceProfile: { InstanceProfileName: 'ip' },
  DeleteInstanceProfile: { InstanceProfileName: 'ip2' },
  ListInstanceProfiles: {},
  ListInstanceProfilesForRole: { RoleName: 'r' },
  AddRoleToInstanceProfile: { InstanceProfileName: 'ip2', RoleName: 'r' },
  RemoveRoleFromInstanceProfile: { InstanceProfileName: 'ip', RoleName: 'r' },
  TagInstanceProfile: { InstanceProfileName: 'ip', Tags: [{ Key: 'x', Value: 'y' }] },
  UntagInstanceProfile: { InstanceProfileName: 'ip', TagKeys: ['k'] },
  ListInstanceProfileTags: { InstanceProfileName: 'ip' },
  UpdateAccountPasswordPolicy: { MinimumPasswordLength: 10 },
  GetAccountPasswordPolicy: {},
  DeleteAccountPasswordPolicy: {},
  ChangePassword: { OldPassword: 'Passw0rd!', NewPassword: 'Other-passw0rd' },
  CreateAccountAlias: { AccountAlias: 'other' },
  DeleteAccountAlias: { AccountAlias: 'lab' },
  CreateServiceLinkedRole: { AWSServiceName: 'rds.amazonaws.com' },
  DeleteServiceLinkedRole: { RoleName: 'AWSServiceRoleForECS' },
  GetServiceLinkedRoleDeletionStatus: { DeletionTaskId: task },
  GetContextKeysForCustomPolicy: { PolicyInputList: [ALLOW_S3_READ] },
  GetContextKeysForPrincipalPolicy: { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/u` },
  GenerateCredentialReport: {},
  GetCredentialReport: {},
  UploadSSHPublicKey: { UserName: 'u', SSHPublicKeyBody: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAAQC7' },
  GetSSHPublicKey: { UserName: 'u', SSHPublicKeyId: 'APKAEXAMPLE123456789', Encoding: 'SSH' },
  ListSSHPublicKeys: { UserName: 'u' },
  UpdateSSHPublicKey: { UserName: 'u', SSHPublicKeyId: 'APKAEXAMPLE123456789', Status: 'Inactive' },
  DeleteSSHPublicKey: { UserName: 'u', SSHPublicKeyId: 'APKAEXAMPLE123456789' },
  UploadSigningCertificate: { UserName: 'u', CertificateBody: 'not a certificate' },
  ListSigningCertificates: { UserName: 'u' },
  UpdateSigningCertificate: { UserName: 'u', CertificateId: 'C'.repeat(32), Status: 'Inactive' },
  DeleteSigningCertificate: { UserName: 'u', CertificateId: 'C'.repeat(32) },
  UploadServerCertificate: { ServerCertificateName: 'sc', CertificateBody: 'x', PrivateKey: 'y' },
  GetServerCertificate: { ServerCertificateName: 'sc' },
  ListServerCertificates: {},
  UpdateServerCertificate: { ServerCertificateName: 'sc', NewServerCertificateName: 'sc2' },
  DeleteServerCertificate: { ServerCertificateName: 'sc' },
  CreateServiceSpecificCredential: { UserName: 'u', ServiceName: 'codecommit.amazonaws.com' },
  ListServiceSpecificCredentials: { UserName: 'u' },
  ResetServiceSpecificCredential: { UserName: 'u', ServiceSpecificCredentialId: 'ACCAEXAMPLE123456789' },
  UpdateServiceSpecificCredential: { UserName: 'u', ServiceSpecificCredentialId: 'ACCAEXAMPLE123456789', Status: 'Inactive' },
  DeleteServiceSpecificCredential: { UserName: 'u', ServiceSpecificCredentialId: 'ACCAEXAMPLE123456789' },
  CreateOpenIDConnectProvider: { Url: 'https://gitlab.example.com' },
  GetOpenIDConnectProvider: { OpenIDConnectProviderArn: OIDC },
  DeleteOpenIDConnectProvider: { OpenIDConnectProviderArn: OIDC },
  ListOpenIDConnectProviders: {},
  AddClientIDToOpenIDConnectProvider: { OpenIDConnectProviderArn: OIDC, ClientID: 'app' },
  RemoveClientIDFromOpenIDConnectProvider: { OpenIDConnectProviderArn: OIDC, ClientID: 'sts.amazonaws.com' },
  UpdateOpenIDConnectProviderThumbprint: { OpenIDConnectProviderArn: OIDC, ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'] },
  TagOpenIDConnectProvider: { OpenIDConnectProviderArn: OIDC, Tags: [{ Key: 'x', Value: 'y' }] },
  UntagOpenIDConnectProvider: { OpenIDConnectProviderArn: OIDC, TagKeys: ['k'] },
  ListOpenIDConnectProviderTags: { OpenIDConnectProviderArn: OIDC },
  CreateSAMLProvider: { Name: 'other', SAMLMetadataDocument: samlMetadata() },
  GetSAMLProvider: { SAMLProviderArn: SAML },
  UpdateSAMLProvider: { SAMLProviderArn: SAML, SAMLMetadataDocument: samlMetadata({ validUntil: '2030-01-01T00:00:00Z' }) },
  DeleteSAMLProvider: { SAMLProviderArn: SAML },
  ListSAMLProviders: {},
  TagSAMLProvider: { SAMLProviderArn: SAML, Tags: [{ Key: 'x', Value: 'y' }] },
  UntagSAMLProvider: { SAMLProviderArn: SAML, TagKeys: ['k'] },
  ListSAMLProviderTags: { SAMLProviderArn: SAML },
  CreateVirtualMFADevice: { VirtualMFADeviceName: 'new' },
  EnableMFADevice: { UserName: 'u', SerialNumber: D_DEVICE, AuthenticationCode1: '123456', AuthenticationCode2: '654321' },
  ResyncMFADevice: { UserName: 'u', SerialNumber: E_DEVICE, AuthenticationCode1: '123456', AuthenticationCode2: '654321' },
  DeactivateMFADevice: { UserName: 'u', SerialNumber: E_DEVICE },
  DeleteVirtualMFADevice: { SerialNumber: D_DEVICE },
  ListMFADevices: { UserName: 'u' },
  ListVirtualMFADevices: {},
  TagMFADevice: { SerialNumber: D_DEVICE, Tags: [{ Key: 'x', Value: 'y' }] },
  UntagMFADevice: { SerialNumber: D_DEVICE, TagKeys: ['k'] },
  ListMFADeviceTags: { SerialNumber: D_DEVICE },
  GetMFADevice: { UserName: 'u', SerialNumber: E_DEVICE },
  TagServerCertificate: { ServerCertificateName: 'sc', Tags: [{ Key: 'x', Value: 'y' }] },
  UntagServerCertificate: { ServerCertificateName: 'sc', TagKeys: ['k'] },
  ListServerCertificateTags: { ServerCertificateName: 'sc' },
  SetSecurityTokenServicePreferences: { GlobalEndpointTokenVersion: 'v2Token' },
})

function snapshot(iam: FakeIam): string {
  return JSON.stringify(iam.state, (_k, v) => (v instanceof Map ? [...v.entries()] : v))
}

describe('authorization happens before any effect', () => {
  const names = Object.keys(iamOperations).sort()

  it('the table covers every operation', () => {
    expect(Object.keys(inputs('AKIAEXAMPLE')).sort()).toEqual(names)
  })

  for (const name of names) {
    it(`${name}: asks for iam:${name}, and a denial changes nothing`, () => {
      const allowed = seeded()
      allowed.iam.calls.length = 0
      // Some succeed; others (deletes of a busy entity) fail on AWS's checks, after authorizing.
      try {
        allowed.iam.call(name, inputs(allowed.keyId, allowed.task)[name])
      } catch (e) {
        expect(e).toBeInstanceOf(AwsServiceError)
        expect((e as AwsServiceError).code).not.toBe('AccessDenied')
      }
      expect(allowed.iam.calls.length).toBeGreaterThan(0)
      expect(allowed.iam.calls[0]!.action).toBe(`iam:${name}`)

      const denied = seeded()
      const before = snapshot(denied.iam)
      denied.iam.deny = () => true
      const e = errorOf(() => denied.iam.call(name, inputs(denied.keyId, denied.task)[name]))
      expect([e.code, e.status]).toEqual(['AccessDenied', 403])
      expect(snapshot(denied.iam)).toBe(before)
    })
  }
})
