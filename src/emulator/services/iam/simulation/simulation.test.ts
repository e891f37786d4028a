import { describe, expect, it } from 'vitest'
import { ACCOUNT, errorOf, fakeIam, trustFor } from '../testing/fake-context.js'
import { statementSpans } from './statement-positions.js'

const READ = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' },
      { Sid: 'NoSecrets', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/secret/*' },
    ],
  },
  null,
  2,
)

describe('statementSpans', () => {
  it('finds each statement\'s start and end (1-based, as written)', () => {
    expect(statementSpans(READ)).toEqual([
      { StartPosition: { Line: 4, Column: 5 }, EndPosition: { Line: 9, Column: 6 } },
      { StartPosition: { Line: 10, Column: 5 }, EndPosition: { Line: 15, Column: 6 } },
    ])
    expect(statementSpans('{"Statement":{"Effect":"Allow"}}')).toEqual([
      { StartPosition: { Line: 1, Column: 14 }, EndPosition: { Line: 1, Column: 32 } },
    ])
  })
})

describe('SimulatePrincipalPolicy', () => {
  it('evaluates a user\'s inline, group and managed policies per action and resource', () => {
    const iam = fakeIam()
    const user = iam.call('CreateUser', { UserName: 'alice' }).User
    iam.call('PutUserPolicy', { UserName: 'alice', PolicyName: 'read', PolicyDocument: READ })
    iam.call('CreateGroup', { GroupName: 'g' })
    iam.call('AddUserToGroup', { GroupName: 'g', UserName: 'alice' })
    iam.call('AttachGroupPolicy', { GroupName: 'g', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' })
    const out = iam.call('SimulatePrincipalPolicy', {
      PolicySourceArn: user.Arn,
      ActionNames: ['s3:GetObject', 'iam:ListUsers', 's3:PutObject'],
      ResourceArns: ['arn:aws:s3:::data/report.csv', 'arn:aws:s3:::data/secret/key'],
    })
    expect(iam.calls.at(-1)).toEqual({ action: 'iam:SimulatePrincipalPolicy', resource: user.Arn })
    const summary = out.EvaluationResults.map((r: { EvalActionName: string; EvalResourceName: string; EvalDecision: string }) => [
      r.EvalActionName,
      r.EvalResourceName,
      r.EvalDecision,
    ])
    expect(summary).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::data/report.csv', 'allowed'],
      ['s3:GetObject', 'arn:aws:s3:::data/secret/key', 'explicitDeny'],
      ['iam:ListUsers', 'arn:aws:s3:::data/report.csv', 'allowed'],
      ['iam:ListUsers', 'arn:aws:s3:::data/secret/key', 'allowed'],
      ['s3:PutObject', 'arn:aws:s3:::data/report.csv', 'implicitDeny'],
      ['s3:PutObject', 'arn:aws:s3:::data/secret/key', 'implicitDeny'],
    ])
    expect(out.EvaluationResults[0].MatchedStatements).toEqual([
      { SourcePolicyId: 'read', SourcePolicyType: 'user', StartPosition: { Line: 4, Column: 5 }, EndPosition: { Line: 9, Column: 6 } },
    ])
    expect(out.EvaluationResults[1].MatchedStatements).toEqual([
      { SourcePolicyId: 'read', SourcePolicyType: 'user', StartPosition: { Line: 10, Column: 5 }, EndPosition: { Line: 15, Column: 6 } },
    ])
    expect(out.EvaluationResults[2].MatchedStatements[0]).toMatchObject({ SourcePolicyId: 'IAMReadOnlyAccess', SourcePolicyType: 'aws-managed' })
    expect(out.EvaluationResults[4].MatchedStatements).toEqual([])
    expect(out.IsTruncated).toBe(false)
  })

  it('applies the boundary (stored or given) and reports PermissionsBoundaryDecisionDetail', () => {
    const iam = fakeIam()
    const role = iam.call('CreateRole', {
      RoleName: 'r',
      AssumeRolePolicyDocument: trustFor(ACCOUNT),
      PermissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    }).Role
    iam.call('AttachRolePolicy', { RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })
    const out = iam.call('SimulatePrincipalPolicy', { PolicySourceArn: role.Arn, ActionNames: ['s3:GetObject', 'iam:CreateUser'] })
    expect(out.EvaluationResults.map((r: { EvalDecision: string }) => r.EvalDecision)).toEqual(['allowed', 'implicitDeny'])
    expect(out.EvaluationResults.map((r: { PermissionsBoundaryDecisionDetail: unknown }) => r.PermissionsBoundaryDecisionDetail)).toEqual([
      { AllowedByPermissionsBoundary: true },
      { AllowedByPermissionsBoundary: false },
    ])
    const widened = iam.call('SimulatePrincipalPolicy', {
      PolicySourceArn: role.Arn,
      ActionNames: ['iam:CreateUser'],
      PermissionsBoundaryPolicyInputList: [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] })],
    })
    expect(widened.EvaluationResults[0].EvalDecision).toBe('allowed')
  })

  it('uses context entries and reports missing context keys', () => {
    const iam = fakeIam()
    const user = iam.call('CreateUser', { UserName: 'u' }).User
    const conditional = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }],
    })
    iam.call('PutUserPolicy', { UserName: 'u', PolicyName: 'ip', PolicyDocument: conditional })
    const missing = iam.call('SimulatePrincipalPolicy', { PolicySourceArn: user.Arn, ActionNames: ['s3:ListBucket'] }).EvaluationResults[0]
    expect(missing.EvalDecision).toBe('implicitDeny')
    expect(missing.MissingContextValues).toEqual(['aws:SourceIp'])
    const inside = iam.call('SimulatePrincipalPolicy', {
      PolicySourceArn: user.Arn,
      ActionNames: ['s3:ListBucket'],
      ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['10.1.2.3'], ContextKeyType: 'ip' }],
    }).EvaluationResults[0]
    expect(inside.EvalDecision).toBe('allowed')
  })

  it('unknown sources are NoSuchEntity; bad ARNs InvalidInput', () => {
    const iam = fakeIam()
    const e = errorOf(() => iam.call('SimulatePrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/ghost`, ActionNames: ['s3:GetObject'] }))
    expect([e.code, e.status, e.message]).toEqual(['NoSuchEntity', 404, 'The user with name ghost cannot be found.'])
    const bad = errorOf(() => iam.call('SimulatePrincipalPolicy', { PolicySourceArn: 'arn:aws:s3:::bucket-name', ActionNames: ['s3:GetObject'] }))
    expect(bad.code).toBe('InvalidInput')
  })
})

describe('SimulateCustomPolicy', () => {
  it('evaluates the given policies, naming them PolicyInputList.N', () => {
    const iam = fakeIam()
    const out = iam.call('SimulateCustomPolicy', {
      PolicyInputList: [READ],
      ActionNames: ['s3:GetObject'],
      ResourceArns: ['arn:aws:s3:::data/a'],
    })
    expect(out.EvaluationResults).toEqual([
      {
        EvalActionName: 's3:GetObject',
        EvalResourceName: 'arn:aws:s3:::data/a',
        EvalDecision: 'allowed',
        MatchedStatements: [
          {
            SourcePolicyId: 'PolicyInputList.1',
            SourcePolicyType: 'none',
            StartPosition: { Line: 4, Column: 5 },
            EndPosition: { Line: 9, Column: 6 },
          },
        ],
        MissingContextValues: [],
        PermissionsBoundaryDecisionDetail: undefined,
      },
    ])
    expect(iam.calls.at(-1)).toEqual({ action: 'iam:SimulateCustomPolicy', resource: '*', opts: { denialResource: '*' } })
    const malformed = errorOf(() => iam.call('SimulateCustomPolicy', { PolicyInputList: ['{'], ActionNames: ['s3:GetObject'] }))
    expect([malformed.code, malformed.status]).toEqual(['InvalidInput', 400])
  })

  it('evaluates a resource policy for the CallerArn, and pages results', () => {
    const iam = fakeIam()
    const bob = iam.call('CreateUser', { UserName: 'bob' }).User
    const bucketPolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: bob.Arn }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    })
    const none = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] })
    const out = iam.call('SimulateCustomPolicy', {
      PolicyInputList: [none],
      ActionNames: ['s3:GetObject', 's3:PutObject'],
      ResourceArns: ['arn:aws:s3:::b/k'],
      ResourcePolicy: bucketPolicy,
      CallerArn: bob.Arn,
      MaxItems: '1',
    })
    expect(out.EvaluationResults.map((r: { EvalDecision: string }) => r.EvalDecision)).toEqual(['allowed'])
    expect(out.EvaluationResults[0].MatchedStatements[0]).toMatchObject({ SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'resource' })
    expect(out.IsTruncated).toBe(true)
    const next = iam.call('SimulateCustomPolicy', {
      PolicyInputList: [none],
      ActionNames: ['s3:GetObject', 's3:PutObject'],
      ResourceArns: ['arn:aws:s3:::b/k'],
      ResourcePolicy: bucketPolicy,
      CallerArn: bob.Arn,
      Marker: out.Marker,
    })
    expect(next.EvaluationResults.map((r: { EvalActionName: string; EvalDecision: string }) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['s3:PutObject', 'implicitDeny'],
    ])
  })
})

// Issue 16 items 1 and 7.
describe('simulation of trust and key policies, and its input rules', () => {
  const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement })
  const ROLE = `arn:aws:iam::${ACCOUNT}:role/target`
  const GHOST = `arn:aws:iam::${ACCOUNT}:user/ghost`
  const allowAll = doc({ Effect: 'Allow', Action: ['sts:AssumeRole', 'kms:Decrypt', 'sts:GetCallerIdentity'], Resource: '*' })
  const decide = (iam: ReturnType<typeof fakeIam>, action: string, resourcePolicy: string, caller = GHOST, identity = allowAll) =>
    iam.call('SimulateCustomPolicy', { PolicyInputList: [identity], ActionNames: [action], ResourceArns: [ROLE], ResourcePolicy: resourcePolicy, CallerArn: caller }).EvaluationResults[0]

  // IAM User Guide (archived 2023 source, awsdocs/iam-user-guide e2b8637,
  // reference_policies_evaluation-logic.md:78): "IAM role trust policies and KMS key policies are
  // exceptions to this logic, because they must explicitly allow access for principals."
  // AWS's own simulator is reported to ignore ResourcePolicy for sts:Assume* (aws/aws-cli#10314):
  // iamflow follows the documented evaluation instead (docs/fidelity.md).
  it('a trust policy (no Resource element) as ResourcePolicy must itself allow sts:AssumeRole', () => {
    const iam = fakeIam()
    const trustOther = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/someone-else` }, Action: 'sts:AssumeRole' })
    expect(decide(iam, 'sts:AssumeRole', trustOther).EvalDecision).toBe('implicitDeny')
    const trustCaller = doc({ Effect: 'Allow', Principal: { AWS: GHOST }, Action: 'sts:AssumeRole' })
    expect(decide(iam, 'sts:AssumeRole', trustCaller, GHOST, doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' })).EvalDecision).toBe('allowed')
    const trustAccount = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' })
    expect(decide(iam, 'sts:AssumeRole', trustAccount).EvalDecision).toBe('allowed')
    expect(decide(iam, 'sts:AssumeRole', trustAccount, GHOST, doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' })).EvalDecision).toBe('implicitDeny')
  })

  // KMS Developer Guide, "Key policies in AWS KMS": "Without permission from the key policy, IAM
  // policies that allow permissions have no effect."
  it('a key policy as ResourcePolicy must allow kms: actions itself (or delegate to the account)', () => {
    const iam = fakeIam()
    const keyOther = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/someone-else` }, Action: 'kms:*', Resource: '*' })
    expect(decide(iam, 'kms:Decrypt', keyOther).EvalDecision).toBe('implicitDeny')
    const keyAccount = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' })
    expect(decide(iam, 'kms:Decrypt', keyAccount).EvalDecision).toBe('allowed')
  })

  // botocore SimulateCustomPolicy.CallerArn: "You can specify only the ARN of an IAM user"; nothing
  // says the user must exist ("You can simulate resources that don't exist in your account").
  it('CallerArn must be an IAM user ARN but need not exist', () => {
    const iam = fakeIam()
    const bucket = doc({ Effect: 'Allow', Principal: { AWS: GHOST }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })
    const out = iam.call('SimulateCustomPolicy', { PolicyInputList: [doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' })], ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::b/k'], ResourcePolicy: bucket, CallerArn: GHOST })
    expect(out.EvaluationResults[0].EvalDecision).toBe('allowed')
    const e = errorOf(() => decide(iam, 'sts:AssumeRole', bucket, `arn:aws:sts::${ACCOUNT}:assumed-role/r/s`))
    expect(e.code).toBe('InvalidInput')
  })

  // STS API Reference, GetCallerIdentity: "No permissions are required to perform this operation.
  // If an administrator attaches a policy to your identity that explicitly denies access to the
  // sts:GetCallerIdentity action, you can still perform this operation." The simulator says what
  // the call would do (AWS simulator's own answer unknown; iam-simulate answers Allowed too).
  it('sts:GetCallerIdentity is allowed even under an explicit Deny', () => {
    const iam = fakeIam()
    const out = iam.call('SimulateCustomPolicy', { PolicyInputList: [doc({ Effect: 'Deny', Action: '*', Resource: '*' })], ActionNames: ['sts:GetCallerIdentity'] })
    expect(out.EvaluationResults[0]).toMatchObject({ EvalActionName: 'sts:GetCallerIdentity', EvalDecision: 'allowed' })
  })
})

