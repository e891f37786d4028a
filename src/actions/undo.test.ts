import { Ajv2020 } from 'ajv/dist/2020.js'
import { SAML_METADATA_EXAMPLE } from './iam/saml-metadata-example.js'
import { describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import type { ActionDefinition, UndoSpec } from './define-action.js'
import { checkedActions, resolveAction } from './registry.js'

const acct = '123456789012'
const policyArn = `arn:aws:iam::${acct}:policy/list-buckets`

/** [action, input, output, expected undo] for every checked action that has an undo. */
const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, UndoSpec | UndoSpec[] | undefined]> = [
  ['iam.createUser', { UserName: 'alice' }, { User: { UserName: 'alice', Arn: `arn:aws:iam::${acct}:user/alice` } }, { action: 'iam.deleteUser', input: { UserName: 'alice' } }],
  ['iam.updateUser', { UserName: 'alice', NewUserName: 'alicia' }, {}, { action: 'iam.updateUser', input: { UserName: 'alicia', NewUserName: 'alice' } }],
  ['iam.updateUser', { UserName: 'alice', NewPath: '/ops/' }, {}, undefined],
  [
    'iam.createAccessKey',
    { UserName: 'alice' },
    { AccessKey: { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'secret', Status: 'Active' } },
    { action: 'iam.deleteAccessKey', input: { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' } },
  ],
  [
    'iam.createAccessKey',
    {},
    { AccessKey: { UserName: 'bob', AccessKeyId: 'AKIAI44QH8DHBEXAMPLE', SecretAccessKey: 'secret' } },
    { action: 'iam.deleteAccessKey', input: { UserName: 'bob', AccessKeyId: 'AKIAI44QH8DHBEXAMPLE' } },
  ],
  ['iam.createGroup', { GroupName: 'devs' }, { Group: { GroupName: 'devs' } }, { action: 'iam.deleteGroup', input: { GroupName: 'devs' } }],
  ['iam.addUserToGroup', { GroupName: 'devs', UserName: 'alice' }, {}, { action: 'iam.removeUserFromGroup', input: { GroupName: 'devs', UserName: 'alice' } }],
  ['iam.createRole', { RoleName: 'reader', AssumeRolePolicyDocument: {} }, { Role: { RoleName: 'reader' } }, { action: 'iam.deleteRole', input: { RoleName: 'reader' } }],
  ['iam.createPolicy', { PolicyName: 'list-buckets', PolicyDocument: {} }, { Policy: { Arn: policyArn } }, { action: 'iam.deletePolicy', input: { PolicyArn: policyArn } }],
  [
    'iam.createPolicyVersion',
    { PolicyArn: policyArn, PolicyDocument: {} },
    { PolicyVersion: { VersionId: 'v2', IsDefaultVersion: false } },
    { action: 'iam.deletePolicyVersion', input: { PolicyArn: policyArn, VersionId: 'v2' } },
  ],
  [
    'iam.createPolicyVersion',
    { PolicyArn: policyArn, PolicyDocument: {}, SetAsDefault: true },
    { PolicyVersion: { VersionId: 'v3', IsDefaultVersion: true }, PreviousDefaultVersionId: 'v1' },
    [
      { action: 'iam.setDefaultPolicyVersion', input: { PolicyArn: policyArn, VersionId: 'v1' } },
      { action: 'iam.deletePolicyVersion', input: { PolicyArn: policyArn, VersionId: 'v3' } },
    ],
  ],
  [
    'iam.createPolicyVersion',
    { PolicyArn: policyArn, PolicyDocument: {}, SetAsDefault: true },
    { PolicyVersion: { VersionId: 'v3', IsDefaultVersion: true } },
    { action: 'iam.deletePolicyVersion', input: { PolicyArn: policyArn, VersionId: 'v3' } },
  ],
  ['iam.putUserPolicy', { UserName: 'alice', PolicyName: 'p', PolicyDocument: {} }, {}, { action: 'iam.deleteUserPolicy', input: { UserName: 'alice', PolicyName: 'p' } }],
  ['iam.putRolePolicy', { RoleName: 'reader', PolicyName: 'p', PolicyDocument: {} }, {}, { action: 'iam.deleteRolePolicy', input: { RoleName: 'reader', PolicyName: 'p' } }],
  ['iam.putGroupPolicy', { GroupName: 'devs', PolicyName: 'p', PolicyDocument: {} }, {}, { action: 'iam.deleteGroupPolicy', input: { GroupName: 'devs', PolicyName: 'p' } }],
  ['iam.attachUserPolicy', { UserName: 'alice', PolicyArn: policyArn }, {}, { action: 'iam.detachUserPolicy', input: { UserName: 'alice', PolicyArn: policyArn } }],
  ['iam.attachRolePolicy', { RoleName: 'reader', PolicyArn: policyArn }, {}, { action: 'iam.detachRolePolicy', input: { RoleName: 'reader', PolicyArn: policyArn } }],
  ['iam.attachGroupPolicy', { GroupName: 'devs', PolicyArn: policyArn }, {}, { action: 'iam.detachGroupPolicy', input: { GroupName: 'devs', PolicyArn: policyArn } }],
  ['iam.putUserPermissionsBoundary', { UserName: 'alice', PermissionsBoundary: policyArn }, {}, { action: 'iam.deleteUserPermissionsBoundary', input: { UserName: 'alice' } }],
  ['iam.putRolePermissionsBoundary', { RoleName: 'reader', PermissionsBoundary: policyArn }, {}, { action: 'iam.deleteRolePermissionsBoundary', input: { RoleName: 'reader' } }],
  [
    'iam.tagUser',
    { UserName: 'alice', Tags: [{ Key: 'team', Value: 'blue' }, { Key: 'env', Value: 'lab' }] },
    {},
    { action: 'iam.untagUser', input: { UserName: 'alice', TagKeys: ['team', 'env'] } },
  ],
  ['iam.tagRole', { RoleName: 'reader', Tags: [{ Key: 'team', Value: 'blue' }] }, {}, { action: 'iam.untagRole', input: { RoleName: 'reader', TagKeys: ['team'] } }],
  ['iam.tagPolicy', { PolicyArn: policyArn, Tags: [{ Key: 'team', Value: 'blue' }] }, {}, { action: 'iam.untagPolicy', input: { PolicyArn: policyArn, TagKeys: ['team'] } }],
  [
    'iam.createVirtualMFADevice',
    { VirtualMFADeviceName: 'alice-mfa' },
    { VirtualMFADevice: { SerialNumber: 'arn:aws:iam::123456789012:mfa/alice-mfa' } },
    { action: 'iam.deleteVirtualMFADevice', input: { SerialNumber: 'arn:aws:iam::123456789012:mfa/alice-mfa' } },
  ],
  [
    'iam.enableMFADevice',
    { UserName: 'alice', SerialNumber: 'arn:aws:iam::123456789012:mfa/alice-mfa', AuthenticationCode1: '123456', AuthenticationCode2: '654321' },
    {},
    { action: 'iam.deactivateMFADevice', input: { UserName: 'alice', SerialNumber: 'arn:aws:iam::123456789012:mfa/alice-mfa' } },
  ],
  [
    'iam.tagMFADevice',
    { SerialNumber: 'arn:aws:iam::123456789012:mfa/alice-mfa', Tags: [{ Key: 'team', Value: 'blue' }] },
    {},
    { action: 'iam.untagMFADevice', input: { SerialNumber: 'arn:aws:iam::123456789012:mfa/alice-mfa', TagKeys: ['team'] } },
  ],
  ['iam.createLoginProfile', { UserName: 'alice', Password: 'pw' }, { LoginProfile: { UserName: 'alice' } }, { action: 'iam.deleteLoginProfile', input: { UserName: 'alice' } }],
  ['s3.createBucket', { Bucket: 'demo-bucket' }, { Location: '/demo-bucket' }, { action: 's3.deleteBucket', input: { Bucket: 'demo-bucket' } }],
  ['s3.putObject', { Bucket: 'demo-bucket', Key: 'a.txt', Body: 'hi' }, { ETag: '"x"' }, { action: 's3.deleteObject', input: { Bucket: 'demo-bucket', Key: 'a.txt' } }],
  [
    's3.putObject',
    { Bucket: 'demo-bucket', Key: 'a.txt', Body: 'hi' },
    { ETag: '"x"', VersionId: '3HL4kqtJlcpXroDTDmjVBH40Nrjfkd' },
    { action: 's3.deleteObject', input: { Bucket: 'demo-bucket', Key: 'a.txt', VersionId: '3HL4kqtJlcpXroDTDmjVBH40Nrjfkd' } },
  ],
  ['s3.putBucketPolicy', { Bucket: 'demo-bucket', Policy: {} }, {}, { action: 's3.deleteBucketPolicy', input: { Bucket: 'demo-bucket' } }],
  [
    'iam.createOpenIDConnectProvider',
    { Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] },
    { OpenIDConnectProviderArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
    { action: 'iam.deleteOpenIDConnectProvider', input: { OpenIDConnectProviderArn: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' } },
  ],
  [
    'iam.createSAMLProvider',
    { Name: 'campus-idp', SAMLMetadataDocument: SAML_METADATA_EXAMPLE },
    { SAMLProviderArn: 'arn:aws:iam::123456789012:saml-provider/campus-idp' },
    { action: 'iam.deleteSAMLProvider', input: { SAMLProviderArn: 'arn:aws:iam::123456789012:saml-provider/campus-idp' } },
  ],
]

const ajv = new Ajv2020({ strict: true, allErrors: true })
const kebab = (operation: string) => operation.replace(/[A-Z]+/g, (m) => `-${m.toLowerCase()}`)

describe('undo', () => {
  it.each(cases)('%s %j', (name, input, output, expected) => {
    const action = resolveAction(name)
    expect(action?.undo).toBeDefined()
    const undo = action?.undo?.(input, { $metadata: {}, ...output })
    expect(undo).toEqual(expected)
    // The recorded call is itself valid input for the undo action, and one the action announced.
    for (const call of [undo ?? []].flat()) {
      expect(action?.undoActions).toContain(call.action)
      const target = resolveAction(call.action)
      const validate = ajv.compile(target?.input ?? {})
      expect(validate(call.input), JSON.stringify(validate.errors)).toBe(true)
    }
  })

  it("has a case for every checked action with an undo, here or in the action's own test file", () => {
    const covered = new Set(cases.map(([name]) => name))
    const ownTest = (a: ActionDefinition) => existsSync(new URL(`./${a.service}/${kebab(a.name.slice(a.service.length + 1))}.test.ts`, import.meta.url))
    expect(checkedActions.filter((a) => a.undo && !covered.has(a.name) && !ownTest(a)).map((a) => a.name)).toEqual([])
  })

  it('refuses to guess an identifier the output lacks', () => {
    expect(() => resolveAction('iam.createPolicy')?.undo?.({ PolicyName: 'p' }, { $metadata: {} })).toThrow(
      'iam.createPolicy: the output has no Policy.Arn, so iamflow cannot record what to undo or which credentials it gives',
    )
    expect(() => resolveAction('iam.createAccessKey')?.undo?.({ UserName: 'alice' }, { $metadata: {}, AccessKey: {} })).toThrow(/AccessKey\.AccessKeyId/)
  })

  it('takes names from the input, so a dry-run preview shows them before any output exists', () => {
    const noOutput = { $metadata: {} }
    expect(resolveAction('iam.createUser')?.undo?.({ UserName: 'alice' }, noOutput)).toEqual({ action: 'iam.deleteUser', input: { UserName: 'alice' } })
    expect(resolveAction('iam.createRole')?.undo?.({ RoleName: 'reader' }, noOutput)).toEqual({ action: 'iam.deleteRole', input: { RoleName: 'reader' } })
    expect(resolveAction('iam.createGroup')?.undo?.({ GroupName: 'devs' }, noOutput)).toEqual({ action: 'iam.deleteGroup', input: { GroupName: 'devs' } })
    expect(resolveAction('iam.createLoginProfile')?.undo?.({ UserName: 'alice' }, noOutput)).toEqual({ action: 'iam.deleteLoginProfile', input: { UserName: 'alice' } })
  })

  it('records nothing for calls that only change or read', () => {
    for (const name of ['iam.updateAssumeRolePolicy', 'iam.updateRole', 'iam.updateAccessKey', 'iam.setDefaultPolicyVersion', 'iam.getRole', 's3.getObject']) {
      expect(resolveAction(name)?.undo, name).toBeUndefined()
    }
  })
})

describe('identity', () => {
  const expiration = new Date('2030-01-01T00:00:00Z')
  const creds = { AccessKeyId: 'ASIAIOSFODNN7EXAMPLE', SecretAccessKey: 'wJalr/secret', SessionToken: 'IQoJb3JpZ2luX2Vj', Expiration: expiration }

  it('turns an access key into long-term credentials', () => {
    const identity = resolveAction('iam.createAccessKey')?.identity?.(
      { AccessKey: { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'wJalr/secret', Status: 'Active' } },
      { UserName: 'alice' },
    )
    expect(identity).toEqual({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalr/secret' })
  })

  it('turns an assumed role into session credentials with the session ARN', () => {
    const arn = `arn:aws:sts::${acct}:assumed-role/reader/demo`
    const identity = resolveAction('sts.assumeRole')?.identity?.(
      { Credentials: creds, AssumedRoleUser: { Arn: arn, AssumedRoleId: 'AROA3XFRBF535PLBIFPI4:demo' } },
      { RoleArn: `arn:aws:iam::${acct}:role/reader`, RoleSessionName: 'demo' },
    )
    expect(identity).toEqual({
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalr/secret',
      sessionToken: 'IQoJb3JpZ2luX2Vj',
      expiration,
      arn,
    })
  })

  it('turns a session token into session credentials without an ARN', () => {
    const identity = resolveAction('sts.getSessionToken')?.identity?.({ Credentials: creds }, {})
    expect(identity).toEqual({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalr/secret', sessionToken: 'IQoJb3JpZ2luX2Vj', expiration })
  })

  it('fails clearly when the output has no credentials', () => {
    expect(() => resolveAction('sts.assumeRole')?.identity?.({}, {})).toThrow('sts.assumeRole: the output has no Credentials.AccessKeyId')
    expect(() => resolveAction('iam.createAccessKey')?.identity?.({ AccessKey: { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' } }, {})).toThrow(/AccessKey\.SecretAccessKey/)
  })

  it('is defined only where an output holds credentials', () => {
    expect(checkedActions.filter((a) => a.identity).map((a) => a.name).sort()).toEqual(['iam.createAccessKey', 'sts.assumeRole', 'sts.assumeRoleWithSAML', 'sts.assumeRoleWithWebIdentity', 'sts.getFederationToken', 'sts.getSessionToken'])
  })
})
