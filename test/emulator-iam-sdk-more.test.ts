import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountAuthorizationDetailsCommand,
  GetGroupCommand,
  GetRoleCommand,
  ListEntitiesForPolicyCommand,
  ListPolicyVersionsCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure } from './emulator-helpers.js'

const ACCOUNT = '123456789012'

describe('IAM through the SDK: groups, roles, versions, details, simulation', () => {
  it('parses groups, role tags, empty RoleLastUsed and policy versions', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    await iam.send(new CreateUserCommand({ UserName: 'u' }))
    await iam.send(new CreateGroupCommand({ GroupName: 'devs' }))
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'u' }))
    const group = await iam.send(new GetGroupCommand({ GroupName: 'devs' }))
    expect(group.Group!.GroupId).toMatch(/^AGPA/)
    expect(group.Users!.map((u) => u.UserName)).toEqual(['u'])

    const trust = doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }])
    await iam.send(new CreateRoleCommand({ RoleName: 'svc', AssumeRolePolicyDocument: trust, MaxSessionDuration: 7200 }))
    await iam.send(new TagRoleCommand({ RoleName: 'svc', Tags: [{ Key: 'env', Value: 'dev' }] }))
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'svc' }))).Tags).toEqual([{ Key: 'env', Value: 'dev' }])
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'svc' }))).Role!
    expect(role.MaxSessionDuration).toBe(7200)
    expect(role.RoleLastUsed).toEqual({})
    expect(role.Tags).toEqual([{ Key: 'env', Value: 'dev' }])

    const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }]) }))).Policy!.Arn!
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]), SetAsDefault: true }))
    const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!
    expect(versions.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v2', true],
      ['v1', false],
    ])
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: arn }))
    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }))
    expect(entities.PolicyGroups!.map((g) => g.GroupName)).toEqual(['devs'])
    expect(entities.PolicyUsers).toEqual([])

    const login = await iam.send(new CreateLoginProfileCommand({ UserName: 'u', Password: 'Ex4mple-pass', PasswordResetRequired: true }))
    expect(login.LoginProfile!.PasswordResetRequired).toBe(true)
    const short = await failure(iam.send(new CreateLoginProfileCommand({ UserName: 'u', Password: '' })))
    expect(short.name).toBe('ValidationError')
    expect(short.message).not.toContain('Ex4mple')
  })

  it('GetAccountAuthorizationDetails lists everything with URL-encoded documents', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    const inline = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }])
    const trust = doc([{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }])
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }))
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'in', PolicyDocument: inline }))
    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }))
    expect(details.UserDetailList).toEqual([])
    const r = details.RoleDetailList![0]!
    expect(r.RoleName).toBe('r')
    expect(decodeURIComponent(r.AssumeRolePolicyDocument!)).toBe(trust)
    expect(r.RolePolicyList!.map((p) => [p.PolicyName, decodeURIComponent(p.PolicyDocument!)])).toEqual([['in', inline]])
  })

  it('simulates through the SDK with matched statements and context entries', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    const user = (await iam.send(new CreateUserCommand({ UserName: 'sim' }))).User!
    const out = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: user.Arn,
        ActionNames: ['s3:GetObject'],
        PolicyInputList: [doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } }])],
      }),
    )
    expect(out.EvaluationResults![0]!.EvalDecision).toBe('implicitDeny')
    expect(out.EvaluationResults![0]!.MissingContextValues).toEqual(['aws:PrincipalTag/team'])
    const custom = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [doc([{ Effect: 'Deny', Action: 's3:*', Resource: '*' }])],
        ActionNames: ['s3:DeleteBucket'],
        ContextEntries: [{ ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyValues: ['true'], ContextKeyType: 'boolean' }],
      }),
    )
    const result = custom.EvaluationResults![0]!
    expect(result.EvalDecision).toBe('explicitDeny')
    expect(result.EvalResourceName).toBe('*')
    expect(result.MatchedStatements).toEqual([
      { SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 86 } },
    ])
  })
})
